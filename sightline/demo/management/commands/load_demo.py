from django.core.management.base import BaseCommand
from django.db import transaction

from sightline.demo import accounts, performance, plans, risks, savings, strategy


class Command(BaseCommand):
    help = "Build the demo councils from the seed documents. Running it twice changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        luton = accounts.load_luton()
        tower_hamlets = accounts.load_tower_hamlets()
        sefton = accounts.load_sefton()
        strategy.load_luton(luton)
        strategy.load_sefton(sefton)
        performance.load_luton(luton)
        risks.load_luton(luton)
        savings.load_luton(luton)
        savings.load_tower_hamlets(tower_hamlets)
        strategy.link_savings(luton)
        plans.load_sefton(sefton)
        for council in (luton, tower_hamlets, sefton):
            self.stdout.write(f"Loaded {council.name}")
