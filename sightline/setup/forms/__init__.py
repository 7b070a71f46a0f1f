"""Forms of the set-up pages: parsing and validating what the programme office types, never
saving."""

from sightline.setup.forms.logins import InviteForm, LoginChangeForm
from sightline.setup.forms.records import (
    BudgetCodeForm,
    BundleForm,
    DirectorateForm,
    PersonForm,
    PortfolioForm,
    RecordForm,
    RetireForm,
    SavingsTypeForm,
    ServiceAreaForm,
    years_offered,
)

__all__ = [
    "BudgetCodeForm",
    "BundleForm",
    "DirectorateForm",
    "InviteForm",
    "LoginChangeForm",
    "PersonForm",
    "PortfolioForm",
    "RecordForm",
    "RetireForm",
    "SavingsTypeForm",
    "ServiceAreaForm",
    "years_offered",
]
