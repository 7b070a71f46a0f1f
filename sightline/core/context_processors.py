from django.conf import settings
from django.urls import NoReverseMatch, reverse

# The service navigation: (text, url name). Items whose URL is not installed are left out.
NAVIGATION = [
    # Short words, so the bar fits on one line at 1280 pixels; the service name links home,
    # and the programme's own pages (the tracker, monitoring, checks) are in its sub-navigation.
    ("Programme", "savings:dashboard"),
    ("Finances", "finance:plan"),
    ("Plan", "strategy:plan"),
    ("Service plans", "plans:list"),
    ("Indicators", "performance:list"),
    ("Risks", "risks:list"),
    ("Equality", "impact:index"),
    ("Reports", "reports:performance"),
    ("Scrutiny", "scrutiny:index"),
    ("Council", "setup:index"),
]


def _nav_items(request):
    """The installed navigation items; the one whose address is the longest match is active."""
    items = []
    for text, name in NAVIGATION:
        try:
            items.append({"text": text, "href": reverse(name), "active": False})
        except NoReverseMatch:
            continue
    matches = [i for i in items if request.path == i["href"] or request.path.startswith(i["href"])]
    matches = [i for i in matches if i["href"] != "/" or request.path == "/"]
    if matches:
        max(matches, key=lambda i: len(i["href"]))["active"] = True
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
