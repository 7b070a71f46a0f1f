"""Forms of the logins pages: inviting someone, and changing a login's role."""

from __future__ import annotations

from django import forms

from sightline.accounts.models import Directorate, Person, Role
from sightline.setup.forms.records import REASON_HELP, STALE_FORM


def _directorate_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Directorate",
        queryset=Directorate.objects.none(),
        required=False,
        empty_label="None",
        help_text="For a director: the directorate they direct, and may edit.",
    )


def _exempt_field() -> forms.BooleanField:
    return forms.BooleanField(
        label="May read exempt information",
        required=False,
        help_text="For a councillor: may read exempt (Schedule 12A) items.",
    )


class LoginFieldsMixin:
    def setup_login_fields(self, council) -> None:
        self.fields["directorate"].queryset = Directorate.objects.filter(council=council).active()

    def clean_login(self, data: dict) -> dict:
        if data.get("role") == Role.DIRECTOR and not data.get("directorate"):
            self.add_error("directorate", "Choose the directorate a director directs")
        return data


class InviteForm(LoginFieldsMixin, forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(
        label="E-mail address",
        help_text="The invitation, with a link to set their password, is sent here.",
        error_messages={"invalid": "Enter an e-mail address like name@council.gov.uk"},
    )
    username = forms.CharField(
        label="Login name",
        required=False,
        max_length=150,
        help_text="What they sign in with. Leave blank to use their e-mail address.",
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)
    directorate = _directorate_field()
    exempt_access = _exempt_field()
    person = forms.ModelChoiceField(
        label="Already named in Sightline?",
        queryset=Person.objects.none(),
        required=False,
        empty_label="No: add them as a new person",
        help_text="Choose them, so the proposals and plans that name them are theirs to see.",
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_login_fields(council)
        self.fields["person"].queryset = Person.objects.filter(
            council=council, user__isnull=True
        ).active()
        for name, message in {
            "first_name": "Enter their first name",
            "last_name": "Enter their last name",
            "email": "Enter their e-mail address",
            "role": "Choose their role",
        }.items():
            self.fields[name].error_messages["required"] = message

    def clean(self):
        data = self.clean_login(super().clean())
        if not data.get("username") and data.get("email"):
            data["username"] = data["email"]
        return data


class LoginChangeForm(LoginFieldsMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=True)
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)
    directorate = _directorate_field()
    exempt_access = _exempt_field()
    reason = forms.CharField(
        label="Reason for the change", required=False, max_length=500, help_text=REASON_HELP
    )

    def __init__(self, *args, council, membership, **kwargs):
        initial = {
            "version": membership.version,
            "role": membership.role,
            "directorate": membership.directorate_id,
            "exempt_access": membership.exempt_access,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.setup_login_fields(council)
        self.fields["version"].error_messages["required"] = STALE_FORM
        self.fields["role"].error_messages["required"] = "Choose their role"

    def clean(self):
        return self.clean_login(super().clean())
