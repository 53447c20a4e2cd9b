from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from ..pagination import page_clamped_skip, page_query
from .query import MAX_RESULTS, QueryRefused, search_page, search_run, search_terms


@require_safe
def results(request):
    """/search/?q=… : every kind's best matches; with &kind=… one kind's matches, page by page."""
    query = request.GET.get("q", "")
    context = {"query": " ".join(query.split())[:200], "groups": [], "page": None, "max_results": MAX_RESULTS}
    try:
        terms = search_terms(query)
    except QueryRefused as refused:
        context["refusal"] = refused.message
        return render(request, "core/search.html", context)
    context["terms"] = terms
    in_kind = search_page(terms, request.GET["kind"], request.GET.get("page")) if request.GET.get("kind") else None
    if in_kind:
        context["kind_label"], context["page"] = in_kind
        page_clamped_skip(request, context["page"])
        context["kind"] = request.GET["kind"]
        context["page_query"] = page_query({"q": context["query"], "kind": context["kind"]})
    else:
        context["groups"] = SimpleLazyObject(lambda: search_run(terms))  # run only when the fragment is not cached
    return render(request, "core/search.html", context)
