"""Who may do what with a council's public pages: one named rule per action.

Anyone may read a council's public pages once it publishes them (no rule: they are read
without a login). Only the programme office decides what is published."""

from __future__ import annotations

from sightline.accounts.permissions import in_council, is_programme_office, rule

rule(
    "public.change_settings",
    in_council & is_programme_office,
    action="change what the council publishes",
    who="the programme office",
    noun="public settings",
)
