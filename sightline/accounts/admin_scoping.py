"""The one base for every admin a council's programme office uses, and the one for operators.

A programme office keeps its council's reference data in the Django admin and must meet no
other council's records there: not on a list, a change, history, version or delete page, not
in a filter, and not in a choice list of a form. :class:`CouncilScopedAdmin` does all of this
from the model's path to its council, which :func:`council_path_of` finds by following the
model's required foreign keys (a service area's directorate, a priority's plan), so a newly
registered model needs no list of special cases. Superusers (the server operators) see every
council; :class:`OperatorsOnlyAdmin` is for admins no council's staff may open at all.
"""

from __future__ import annotations

import functools
from collections import deque

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from sightline.accounts.models import Council
from sightline.accounts.permissions import allowed, membership_for
from sightline.accounts.services import reference_save

READONLY = ("created_at", "created_by", "modified_at", "modified_by", "version")

# A login belongs to the council of its membership.
USER_COUNCIL_PATH = "membership__council"


@functools.cache
def council_path_of(model) -> str | None:
    """The lookup from ``model`` to the council it belongs to: ``""`` for a council itself,
    ``"council"``, ``"directorate__council"``, ``"departmental_plan__plan__council"``, and
    ``"membership__council"`` for a login. The shortest path through required foreign keys is
    preferred, then through optional ones, then through a login; None if there is no path."""
    user_model = get_user_model()
    if model is Council:
        return ""
    if model is user_model:
        return USER_COUNCIL_PATH
    return (
        _shortest_path(model, optional=False, user_model=user_model)
        or _shortest_path(model, optional=True, user_model=user_model)
        or _path_through_a_login(model, user_model)
    )


def _forward_keys(model, *, optional: bool):
    for field in model._meta.concrete_fields:
        is_key = field.is_relation and (field.many_to_one or field.one_to_one)
        if is_key and (optional or not field.null):
            yield field


def _shortest_path(model, *, optional: bool, user_model) -> str | None:
    queue, seen = deque([(model, "")]), {model}
    while queue:
        current, prefix = queue.popleft()
        for field in _forward_keys(current, optional=optional):
            related = field.related_model
            if related is Council:
                return f"{prefix}{field.name}"
            if related not in seen and related is not user_model:
                seen.add(related)
                queue.append((related, f"{prefix}{field.name}__"))
    return None


def _path_through_a_login(model, user_model) -> str | None:
    for field in _forward_keys(model, optional=False):
        if field.related_model is user_model:
            return f"{field.name}__{USER_COUNCIL_PATH}"
    return None


def for_council(queryset, council_id: int, path: str | None = None):
    """``queryset`` narrowed to the records of the council ``council_id`` (none at all if
    its model has no path to a council)."""
    path = council_path_of(queryset.model) if path is None else path
    if path is None:
        return queryset.none()
    return queryset.filter(**{path or "pk": council_id})


class CouncilRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A list filter on a related record offering only the reader's council's records."""

    def field_choices(self, field, request, model_admin):
        queryset = field.related_model._default_manager.complex_filter(
            field.get_limit_choices_to() if hasattr(field, "get_limit_choices_to") else {}
        )
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in model_admin.scope(request, queryset)]


class CouncilScopedAdmin(SimpleHistoryAdmin):
    """Shows, offers and changes only the signed-in programme office's council's records.

    Open only to those the rule ``accounts.change_reference_data`` allows (the council's
    programme office) and to superusers, who see every council. Records are retired with
    ``disabled_on``, never deleted; saves go through ``reference_save`` (audited, versioned)
    unless a subclass names its own service. ``council_path`` is found from the model unless
    set. A ``read_only`` admin shows records and their history and changes nothing.
    """

    council_path: str | None = None
    read_only = False
    readonly_fields = READONLY
    rule = "accounts.change_reference_data"

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if self.council_path is None:
            self.council_path = council_path_of(model)
        if self.council_path is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__}: {model._meta.label} has no path to a council; "
                "set council_path."
            )

    # --- who may open it ------------------------------------------------------------------

    def may_use(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or allowed(user, self.rule))

    def has_module_permission(self, request):
        return self.may_use(request)

    def has_view_permission(self, request, obj=None):
        return self.may_use(request)

    def has_add_permission(self, request):
        return not self.read_only and self.may_use(request)

    def has_change_permission(self, request, obj=None):
        return not self.read_only and self.may_use(request)

    def has_delete_permission(self, request, obj=None):
        return False

    # --- what it shows --------------------------------------------------------------------

    def scope(self, request, queryset):
        """``queryset`` (of any model) narrowed to the reader's council; whole for operators."""
        if request.user.is_superuser:
            return queryset
        membership = membership_for(request.user)
        if membership is None:
            return queryset.none()
        path = self.council_path if queryset.model is self.model else None
        return for_council(queryset, membership.council_id, path)

    def get_queryset(self, request):
        return self.scope(request, super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        if not self.read_only:
            return super().get_readonly_fields(request, obj)
        fields = [*self.opts.fields, *self.opts.many_to_many]
        editable = [f.name for f in fields if f.editable and not f.auto_created]
        return list(dict.fromkeys([*super().get_readonly_fields(request, obj), *editable]))

    def _choices(self, db_field, request, queryset):
        if queryset is None:
            queryset = self.get_field_queryset(None, db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.all()
        return self.scope(request, queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs["queryset"] = self._choices(db_field, request, kwargs.get("queryset"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["queryset"] = self._choices(db_field, request, kwargs.get("queryset"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_list_filter(self, request):
        return [self._scoped_filter(item) for item in super().get_list_filter(request)]

    def _scoped_filter(self, item):
        if isinstance(item, str) and get_fields_from_path(self.model, item)[-1].is_relation:
            return (item, CouncilRelatedFieldListFilter)
        if isinstance(item, tuple | list) and item[1] is admin.RelatedFieldListFilter:
            return (item[0], CouncilRelatedFieldListFilter)
        return item

    # --- pages that fetch a record themselves ----------------------------------------------

    def _record_or_404(self, request, object_id):
        """The record, if the reader may see it: another council's is missing (404)."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None and not request.user.is_superuser:
            raise Http404(f"No {self.opts.verbose_name} with that ID.")
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._record_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        obj = self._record_or_404(request, object_id)
        if request.method not in ("GET", "HEAD") and self.revert_disabled(request, obj):
            raise PermissionDenied("A past version is shown here, never restored.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._record_or_404(request, object_id)
        raise PermissionDenied("Records are retired with a 'disabled on' date, never deleted.")

    # --- saving ---------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if request.user.is_superuser and not allowed(request.user, self.rule):
            obj._history_user = request.user
            obj.save()
            return
        reason = f"Edited in reference data administration ({', '.join(form.changed_data)})"
        reference_save(obj=obj, by=request.user, reason=reason, expected_version=obj.version)


class ReadOnlyCouncilScopedAdmin(CouncilScopedAdmin):
    """Shows a council's records and their history; they are changed only through services."""

    read_only = True


class OperatorsOnlyAdmin:
    """Mixed into an admin that only superusers (the server operators) may open."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, *args):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)
