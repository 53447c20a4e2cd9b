"""The rich-text pipeline: staff write with django-prose-editor; every save is cleaned by nh3.

One allow-list for the whole project. Images may only come from our own media, links only over
http(s) or mail, and nothing can carry script, styles or event handlers.
"""

from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.safestring import mark_safe
from django_prose_editor.fields import ProseEditorField
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media, Script

from .media import media_url_prefixes

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "u", "s", "sub", "sup", "blockquote", "hr",
    "ul", "ol", "li", "a", "figure", "figcaption", "img", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# Editor extensions matching the allow-list above.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Figure": True,
    "Image": True,
    "Caption": True,
    "Table": True,
    # django-prose-editor no longer adds a table's parts by itself; without them the editor fails to start.
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
}


def _is_own_media(url: str) -> bool:
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return parts.path.startswith(settings.MEDIA_URL)
    # Media in object storage have their own address (e.g. https://media.example.cn/), also ours.
    return any(url.startswith(prefix) for prefix in media_url_prefixes() if not prefix.startswith("/"))


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if _is_own_media(value) else None
    return value


def sanitize_html(html: str) -> str:
    """Return `html` reduced to the allow-list. Safe to call on already-clean text (idempotent)."""
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_attribute_filter,
        strip_comments=True,
    )
    return "" if cleaned.strip() in {"", "<p></p>"} else cleaned


class RichTextEditorWidget(AdminProseEditorWidget):
    """The admin's editor with its toolbar in Chinese (static/js/prose_editor_zh.js; dialogs via gettext)."""

    @property
    def media(self):
        return super().media + Media(js=[Script("js/prose_editor_zh.js")])


class RichTextField(ProseEditorField):
    """A text field edited with ProseMirror and sanitized with `sanitize_html` on every save."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EDITOR_EXTENSIONS)
        kwargs["sanitize"] = sanitize_html
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**(kwargs | {"widget": RichTextEditorWidget}))

    def pre_save(self, model_instance, add):
        # Sanitize on every save, not only through forms, so seeds and services cannot bypass it.
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


def render_richtext(value: str):
    """Stored rich text for templates: sanitized when it was saved; our own images shown as WebP renditions
    (srcset, width, height, lazy) instead of the original upload."""
    from .pictures import body_pictures  # needs the models; this module is imported while they load

    return mark_safe(body_pictures(value or ""))  # noqa: S308 - sanitized by RichTextField.pre_save; pictures built with format_html
