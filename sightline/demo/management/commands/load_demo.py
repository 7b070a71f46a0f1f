from django.core.management.base import BaseCommand
from django.db import transaction

from sightline.demo import (
    accounts,
    finance,
    impact,
    performance,
    plans,
    public,
    risks,
    savings,
    scrutiny,
    simulator,
    strategy,
    thread,
    tower_hamlets,
)


class Command(BaseCommand):
    help = (
        "Build the demo councils from their documents, through the services as the councils' "
        "own logins. Running it twice changes nothing."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        luton = accounts.load_luton()
        lbth = accounts.load_tower_hamlets()
        sefton = accounts.load_sefton()
        strategy.load_luton(luton)
        strategy.load_sefton(sefton)
        performance.load_luton(luton)
        risks.load_luton(luton)
        savings.load_luton(luton)
        tower_hamlets.load_tower_hamlets(lbth)
        thread.load_luton(luton)
        finance.load_luton(luton)
        plans.load_sefton(sefton)
        impact.load(luton, lbth)
        simulator.load_luton(luton)
        public.load(luton, lbth)
        scrutiny.load_luton(luton)
        for council in (luton, lbth, sefton):
            self.stdout.write(f"Loaded {council.name}")
