"""Hub scope: community staff work in the admin on their own hubs' rows only; street staff and
superusers on every hub's.

The app that owns communities says who works where (`staff_hubs_register`); core knows no pillar.
Every admin that holds hub-owned rows inherits `HubScopedAdmin` and names the path from its model to
the hub (`hub_field`); the all-kinds occurrence admin ORs the `hub_lookup` each occurrence kind
registered. Lists, change and delete pages, history, bulk actions, exports, roster pages, the
autocomplete and the choices offered in forms all read `get_queryset()`, so this one filter covers
them: another hub's id, sent by URL or POST, finds nothing.
"""

from collections.abc import Callable

from django.contrib import admin
from django.db.models import Q

_staff_hubs: list[Callable] = []


def staff_hubs_register(hubs_of: Callable) -> None:
    """hubs_of(user) -> None when `user` works on every hub, else a queryset of the hubs they work on."""
    if hubs_of not in _staff_hubs:
        _staff_hubs.append(hubs_of)


def staff_hubs(user):
    """The hubs `user` works on (a queryset), or None for every hub (also when no app registered hubs)."""
    for hubs_of in _staff_hubs:
        return hubs_of(user)
    return None


class HubScopedAdmin(admin.ModelAdmin):
    # The ORM path from this admin's model to its hub ("pk" when the model is the hub itself).
    hub_field = "hub"

    def hub_condition(self, hubs) -> Q:
        """The rows of `hubs` (a queryset of hubs). Override for rows found another way."""
        return Q(**{f"{self.hub_field}__in": hubs})

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        hubs = staff_hubs(request.user)
        return queryset if hubs is None else queryset.filter(self.hub_condition(hubs))

    def get_field_queryset(self, db, db_field, request):
        """A choice of hub-owned rows (a select, an autocomplete, a list of reports) offers what the
        related admin would list for this user, so a hub worker cannot attach another hub's rows."""
        model = db_field.remote_field.model
        related = self.admin_site.get_model_admin(model) if self.admin_site.is_registered(model) else None
        if isinstance(related, HubScopedAdmin):
            return related.get_queryset(request).using(db)
        return super().get_field_queryset(db, db_field, request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # A hub worker's row must name one of their hubs, or it would vanish from their own list.
        form = super().get_form(request, obj, change, **kwargs)
        field = form.base_fields.get(self.hub_field)
        if field is not None and staff_hubs(request.user) is not None:
            field.required = True
        return form
