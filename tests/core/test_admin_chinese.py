"""The admin is Chinese for every role: a crawl of every page each role reaches, failing on English UI words."""

import gettext
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.factories import user_create

# Words and phrases of Django's, its apps' and the editor's UI, matched as whole words (case-sensitive), in
# the text a person sees or hears (text, title, aria-label, placeholder, alt, button values). Data such as
# e-mail addresses and file formats (CSV, Excel, ISBN) is not on the list.
ENGLISH = [
    "Select an option", "Filter by", "Filter", "Add", "Change", "Changes", "Changed by", "Delete", "History",
    "Save", "Search", "Heading", "bold", "italic", "Insert", "Authenticator", "Authenticators", "Task", "Tasks",
    "Results", "Backend", "None", "True", "False", "Home", "View site", "Log out", "Welcome", "Recent actions",
    "Go", "Yes", "No", "Today", "Now", "Show all", "Clear", "Object", "Date/time", "Comment", "Can add",
    "Can change", "Can delete", "Can view", "historical", "Historical", "relationship", "object", "status",
    "published", "review", "draft", "Core", "entries", "results", "Action", "Run", "Submit", "Select",
    "Choose", "Remove", "Update", "Cancel", "Close", "Previous", "Next", "Page", "Type", "Data",
    "Created at", "created at", "Recovery codes", "News", "Accounts", "Hubs", "Classes", "Culture", "Pioneers",
]  # fmt: skip
ENGLISH_RE = re.compile(r"(?<![A-Za-z])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![A-Za-z])|\+00:00")
SKIP_LINKS = re.compile(r"logout|/export|csv/$|xlsx/$|/sign-sheet/|/jsi18n/|/r/|/autocomplete/")


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.links, self._hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"script", "style", "textarea"}:
            self._hidden += 1
        self.parts += [attrs[k] for k in ("title", "aria-label", "placeholder", "alt") if attrs.get(k)]
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.parts.append(attrs["value"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in {"script", "style", "textarea"}:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def admin_crawl(client, *, objects_per_model=1, limit=400):
    """Follow every admin link from the index (no query strings, no downloads), opening at most
    `objects_per_model` objects of each model. Returns {url: [English found]} and the pages seen."""
    admin = "/" + settings.ADMIN_URL
    queue, seen, found = [admin], set(), {}
    opened = Counter()
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = VisibleText()
        page.feed(response.content.decode())
        english = sorted({m.group(0) for m in ENGLISH_RE.finditer("\n".join(page.parts))})
        if english:
            found[url] = english
        for href in page.links:
            if not href.startswith(admin) or "?" in href or "#" in href or SKIP_LINKS.search(href) or href in seen:
                continue
            parts = href[len(admin) :].split("/")
            if len(parts) > 3 and parts[2] not in {"add", ""}:  # an object's page: app/model/pk/…
                model, pk = tuple(parts[:2]), parts[2]
                known = {k for k in opened if k[0] == model}
                if (model, pk) not in known and len(known) >= objects_per_model:
                    continue
                opened[(model, pk)] += 1
            queue.append(href)
    return found, seen


@pytest.mark.django_db
def test_admin_crawl_finds_no_english_for_any_role(client, settings):
    settings.DEBUG = True  # the demo content gives every page an object to open
    call_command("seed", verbosity=0)
    settings.DEBUG = False
    roles = [(group.name, {"groups": [group]}) for group in Group.objects.order_by("name")]
    roles.append(("superuser", {"is_superuser": True}))
    assert len(roles) >= 3
    problems, pages = {}, 0
    for name, extra in roles:
        groups = extra.pop("groups", [])
        user = user_create(email=f"crawl-{len(problems)}-{pages}@example.com", is_staff=True, **extra)
        user.groups.set(groups)
        client.force_login(user)
        found, seen = admin_crawl(client)
        pages += len(seen)
        problems.update({f"{name} {url}": words for url, words in found.items()})
        client.logout()
    assert pages > 100
    assert not problems, "\n".join(f"{where}: {words}" for where, words in problems.items())


def test_crawler_sees_english_when_there_is_some():
    """Control: the matcher is not blind (an untranslated admin would fail the crawl)."""
    page = VisibleText()
    page.feed('<p>Filter by 提交时间</p><select><option>- Select an option -</option></select><img alt="True">')
    text = "\n".join(page.parts)
    assert {m.group(0) for m in ENGLISH_RE.finditer(text)} == {"Filter by", "Select an option", "True"}
    assert not ENGLISH_RE.findall("按提交时间筛选 ISBN CSV admin@example.com 2026年12月2日 08:00")


def test_editor_toolbar_labels_are_all_translated():
    """Every tooltip the installed django-prose-editor writes in English has a Chinese one in our script."""
    import django_prose_editor

    editor = (Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js").read_text()
    ours = (Path(settings.BASE_DIR) / "static/js/prose_editor_zh.js").read_text()
    labels = set(re.findall(r'material\("[a-z_]*","([^"]+)"\)', editor))
    labels |= set(re.findall(r'svg\(`[^`]*`,"([^"]+)"\)', editor))
    labels |= {f"heading {n}" for n in range(1, 7)} | {f"Heading {n}" for n in range(1, 7)}
    assert len(labels) > 20
    missing = sorted(label for label in labels if f'"{label}":' not in ours)
    assert not missing


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
def test_compiled_translations_match_their_sources(tmp_path):
    """The committed .mo files are what `make messages` makes of the .po files."""
    for po in (Path(settings.BASE_DIR) / "locale").glob("*/LC_MESSAGES/*.po"):
        fresh = tmp_path / (po.stem + ".mo")
        subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po)], check=True)
        committed = gettext.GNUTranslations(po.with_suffix(".mo").open("rb"))._catalog
        assert gettext.GNUTranslations(fresh.open("rb"))._catalog == committed, f"run `make messages` ({po})"


@pytest.mark.django_db
def test_history_page_reads_in_chinese(admin_client):
    from tests.news.factories import article_create

    article = article_create()
    article.title = "“红岭+”党建新变化"
    article.save()
    page = admin_client.get(f"/{settings.ADMIN_URL}news/article/{article.pk}/history/").content.decode()
    assert "修改原因" in page and "None" not in page and "+00:00" not in page
    assert "状态" in page and ">status<" not in page


@pytest.mark.django_db
def test_admin_messages_do_not_quote_a_quoted_name_twice(admin_client):
    from apps.news.models import Tag

    tag = Tag.objects.create(name="“红岭+”")
    response = admin_client.post(f"/{settings.ADMIN_URL}news/tag/{tag.pk}/delete/", {"post": "yes"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["已删除标签：“红岭+”。"]
