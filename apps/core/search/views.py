from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..pagination import page_get
from .query import QueryRefused, hit_prepare, search_in_kind, search_run, search_terms


@require_safe
def results(request):
    """/search/?q=… : every kind's best matches; with &kind=… one kind's matches, page by page."""
    query = request.GET.get("q", "")
    context = {"query": " ".join(query.split())[:200], "groups": [], "page": None}
    try:
        terms = search_terms(query)
    except QueryRefused as refused:
        context["refusal"] = refused.message
        return render(request, "core/search.html", context)
    context["terms"] = terms
    in_kind = search_in_kind(terms, request.GET.get("kind", "")) if request.GET.get("kind") else None
    if in_kind:
        context["kind_label"], matching = in_kind
        context["kind"] = request.GET["kind"]
        page = page_get(request, matching, 20)
        page.object_list = [hit_prepare(entry, terms) for entry in page.object_list]
        context["page"] = page
    else:
        context["groups"] = search_run(terms)
    return render(request, "core/search.html", context)
