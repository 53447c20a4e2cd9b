"""`{% fragment "name" vary… %}…{% endfragment %}`: a part of a page every visitor sees alike, cached under
the page cache's generation (apps.core.pagecache.generation_cached), so the writes that make pages stale make
it stale too. The vary values (resolved, then str()) are part of the key: pass every input that changes
the fragment (a filter, a page number). 长辈模式 and 字号 are never part of a fragment: they live in <html>
and the header.

Nothing personal can be stored: the fragment renders with the person's context masked — `user` is anonymous,
and `perms`, `messages`, `csrf_token` and `csp_nonce` are empty — so a form needing a CSRF token, a greeting
or an inline script with the nonce cannot be inside one (it would show up broken, never leak).

`{% personal_fragment "name" vary… %}…{% endpersonal_fragment %}`: a part of a page that only the signed-in
person sees (their /me/ sections), cached for them alone: the key holds their user id, and the same
generation makes it stale, so their new registration (any write) shows at once. It renders with the real
`user`; `{% csrf_token %}` inside is stored as a placeholder and filled with this request's token on every
use (a stored token would stop working when the person logs in again); `messages` and `csp_nonce` are empty.
"""

from django import template
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import AnonymousUser
from django.utils.crypto import salted_hmac
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from ..pagecache import generation_cached

register = template.Library()

# The same on every worker and node (fragments are shared through the cache), and not guessable from outside.
CSRF_PLACEHOLDER = SimpleLazyObject(
    lambda: "csrf" + salted_hmac("fragments.csrf", "placeholder", algorithm="sha256").hexdigest()
)


class FragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name = name
        self.vary = vary
        self.nodelist = nodelist

    def render(self, context):
        vary = tuple(v.resolve(context) for v in self.vary)

        def render():
            anonymous = AnonymousUser()
            masked = {"user": anonymous, "perms": PermWrapper(anonymous), "messages": (), "csrf_token": "",
                      "csp_nonce": ""}  # fmt: skip
            with context.push(masked):
                return self.nodelist.render(context)

        return generation_cached(self.name.resolve(context), vary, render)


class PersonalFragmentNode(FragmentNode):
    def render(self, context):
        user = context["request"].user
        vary = ("user", user.pk if user.is_authenticated else None, *(v.resolve(context) for v in self.vary))
        placeholder = str(CSRF_PLACEHOLDER)

        def render():
            with context.push({"messages": (), "csrf_token": placeholder, "csp_nonce": ""}):
                return self.nodelist.render(context)

        html = generation_cached(self.name.resolve(context), vary, render)
        if placeholder in html:
            html = mark_safe(html.replace(placeholder, str(context.get("csrf_token", ""))))  # noqa: S308 - our own render
        return html


def _parse(parser, token, node_class, end):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f'{{% {bits[0]} %}} needs a name: {{% {bits[0]} "name" vary… %}}')
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return node_class(parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]], nodelist)


@register.tag
def fragment(parser, token):
    return _parse(parser, token, FragmentNode, "endfragment")


@register.tag
def personal_fragment(parser, token):
    return _parse(parser, token, PersonalFragmentNode, "endpersonal_fragment")
