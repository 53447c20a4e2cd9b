from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from apps.core.booking.selectors import booking_state
from apps.core.models import Registration
from apps.core.pagination import page_get, page_query

from .forms import CatalogueSearchForm, ChildRegistrationForm, DriftLogForm, EventFilterForm
from .models import CultureEvent, DriftBook
from .selectors import (
    catalogue,
    drift_books,
    drift_journey,
    event_detail,
    events_past,
    events_upcoming,
    libraries,
    library_events,
)
from .services.drift import drift_code_normalize, drift_log_create
from .services.events import child_registration_create

BOOKS_PER_PAGE = 30


@require_safe
def index_page(request):
    """红岭文化: what is coming (by category), what has been, the library and the drifting books."""
    form = EventFilterForm(request.GET)
    category = form.cleaned_data["category"] if form.is_valid() else ""
    context = {
        "form": form,
        "category": category,
        "categories": CultureEvent.Category.choices,
        "upcoming": events_upcoming(category)[:24],
        "past": events_past()[:6],
        "libraries": libraries(),
        "drift_books": drift_books()[:3],
    }
    return render(request, "culture/index.html", context)


def _event_or_404(pk: int) -> CultureEvent:
    try:
        return event_detail(pk)
    except CultureEvent.DoesNotExist:
        raise Http404("没有这个活动") from None


@require_safe
def event_page(request, pk: int):
    return render(request, "culture/event.html", {"event": _event_or_404(pk)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_register_page(request, pk: int):
    """亲子活动报名: the guardian gives the child's name and age and consents, then the engine seats them."""
    event = _event_or_404(pk)
    if not event.is_for_families:
        return redirect(event.get_absolute_url())
    if Registration.objects.live().filter(occurrence=event, user=request.user).exists():
        messages.info(request, "您已经为这个活动报过名了。")
        return redirect(event.get_absolute_url())
    form = ChildRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = child_registration_create(event=event, guardian=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(request, f"报名成功：{event.title}。请带孩子准时到场，我们会在开始前一天提醒您。")
            else:
                messages.info(request, "名额已满，已为您和孩子报名候补。有空位时会按先后顺序通知您。")
            return redirect(event.get_absolute_url())
    state = booking_state(event, request.user)
    status = 400 if request.method == "POST" else 200
    return render(request, "culture/event_register.html", {"event": event, "form": form, "state": state}, status=status)


@require_safe
def library_page(request):
    form = CatalogueSearchForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    books = catalogue(filters.get("q", ""), filters.get("category", ""))
    page = page_get(request, books, BOOKS_PER_PAGE)
    context = {
        "libraries": libraries(),
        "form": form,
        "page": page,
        "page_query": page_query(request.GET),
        "searching": bool(filters.get("q") or filters.get("category")),
        "events": library_events(),
    }
    return render(request, "culture/library.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def drift_page(request):
    """图书漂流: the drifting books, and the form to log one you picked up (logged-in residents)."""
    form = DriftLogForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                log = drift_log_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"谢谢！已登记：《{log.drift_book.title}》现在在{log.hub.name}。")
                return redirect(log.drift_book.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "culture/drift.html", {"form": form, "books": drift_books()}, status=status)


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@require_safe
def drift_book_page(request, code: str):
    drift_book = get_object_or_404(DriftBook.objects.select_related("released_hub"), code=drift_code_normalize(code))
    return render(request, "culture/drift_book.html", {"drift_book": drift_book, "journey": drift_journey(drift_book)})
