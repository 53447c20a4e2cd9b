from django.conf import settings
from django.utils.csp import CSP


class AdminStyleCSPMiddleware:
    """The admin's rich-text editor (Tiptap, inside django-prose-editor) injects <style> elements that
    cannot carry our nonce. In the admin only, allow inline *styles*; scripts stay nonce-only everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix):
            response._csp_config = settings.SECURE_CSP | {"style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}
        return response
