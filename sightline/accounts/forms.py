from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Name of the token",
        help_text="What the token is for, for example “Finance spreadsheet link”.",
    )
