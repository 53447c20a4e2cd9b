"""`{% fragment "name" vary… %}…{% endfragment %}`: a part of a page every visitor sees alike, cached under
the page cache's generation (apps.core.pagecache.fragment_cached), so the writes that make pages stale make
it stale too. The vary values (resolved, then str()) are part of the key: pass every input that changes
the fragment (a filter, a page number). 长辈模式 and 字号 are never part of a fragment: they live in <html>
and the header.

Nothing personal can be stored: the fragment renders with the person's context masked — `user` is anonymous,
and `perms`, `messages`, `csrf_token` and `csp_nonce` are empty — so a form needing a CSRF token, a greeting
or an inline script with the nonce cannot be inside one (it would show up broken, never leak).
"""

from django import template
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.models import AnonymousUser

from ..pagecache import fragment_cached

register = template.Library()


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

        return fragment_cached(self.name.resolve(context), vary, render)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% fragment %} needs a name: {% fragment "name" vary… %}')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]], nodelist)
