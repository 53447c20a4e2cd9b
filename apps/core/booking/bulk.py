"""Many new occurrences of one kind at once, for load-test data (`seed --volume N`).

Django's bulk_create refuses multi-table children (a class session is an Occurrence row plus a Session row),
and saving a thousand one by one takes minutes on a busy machine. This inserts the parent rows with
bulk_create, then the child rows in batches with the parents' keys. Each object's `derived_fields_set()`
runs as in save(); signals do not, so the caller rebuilds what they maintain (the search index).
"""

from itertools import batched

from django.db import transaction

from .models import Occurrence


@transaction.atomic
def occurrences_bulk_create(objects: list[Occurrence], *, batch_size: int = 500) -> list[Occurrence]:
    if not objects:
        return objects
    model = type(objects[0])
    if any(type(obj) is not model for obj in objects) or model._meta.get_ancestor_link(Occurrence) is None:
        raise ValueError("occurrences_bulk_create takes new objects of one Occurrence subclass")
    shared = [f for f in Occurrence._meta.concrete_fields if not f.primary_key]
    parents = []
    for obj in objects:
        obj.derived_fields_set()
        parents.append(Occurrence(**{f.attname: getattr(obj, f.attname) for f in shared}))
    Occurrence.objects.bulk_create(parents, batch_size=batch_size)
    link = model._meta.get_ancestor_link(Occurrence)
    for obj, parent in zip(objects, parents, strict=True):
        setattr(obj, link.attname, parent.pk)
        obj.id = parent.pk
        obj.created_at, obj.updated_at = parent.created_at, parent.updated_at
        obj._state.adding = False
    for batch in batched(objects, batch_size):
        model._base_manager._insert(list(batch), fields=model._meta.local_concrete_fields)
    return objects
