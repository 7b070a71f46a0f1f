from django.conf import settings
from django.urls import NoReverseMatch, reverse

# The service navigation: (text, url name). Items whose URL is not installed are left out.
NAVIGATION = [
    ("Home", "home"),
    ("Programme", "savings:dashboard"),
    ("Tracker", "savings:tracker"),
    ("Golden thread", "strategy:plan"),
    ("Indicators", "performance:indicators"),
    ("Council", "council"),
]


def _nav_items(request):
    items = []
    for text, name in NAVIGATION:
        try:
            href = reverse(name)
        except NoReverseMatch:
            continue
        active = request.path == href if href == "/" else request.path.startswith(href)
        items.append({"text": text, "href": href, "active": active})
    return items


def sightline(request):
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    return {
        "membership": membership if membership else None,
        "council": membership.council if membership else None,
        "nav_items": _nav_items(request) if user and user.is_authenticated else [],
        "site_url": settings.SITE_URL,
    }
