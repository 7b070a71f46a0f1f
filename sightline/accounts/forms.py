from django import forms

from sightline.accounts.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Name of the token",
        help_text="What the token is for, for example “Finance spreadsheet link”.",
    )
    expires_in_days = forms.TypedChoiceField(
        label="Expires after",
        help_text="The token stops working then, or sooner if your password changes.",
        choices=ApiToken.ExpiryChoices.choices,
        coerce=int,
        required=False,
        empty_value=ApiToken.DEFAULT_EXPIRY_DAYS,
        initial=ApiToken.DEFAULT_EXPIRY_DAYS,
        widget=forms.RadioSelect,
    )
