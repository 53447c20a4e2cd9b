"""reverse_pk: a list's per-row links from a pattern reversed once, the same URLs reverse() gives."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse

from apps.core.context_processors import reverse_pk


@pytest.mark.parametrize("name", ["core:registration_cancel", "classes:session", "news:detail"])
@pytest.mark.parametrize("pk", [1, 7, 918273, 10**12])
def test_reverse_pk_gives_the_url_reverse_gives(name, pk):
    assert reverse_pk(name, pk) == reverse(name, args=[pk])


def test_reverse_pk_refuses_a_url_without_one_pk():
    with pytest.raises(NoReverseMatch):
        reverse_pk("core:home", 1)


def test_reverse_pk_filter_in_a_template_gives_the_cancel_link():
    html = Template("{% load core_tags %}{{ pk|url_pk:'core:registration_cancel' }}").render(Context({"pk": 42}))
    assert html == reverse("core:registration_cancel", args=[42])
