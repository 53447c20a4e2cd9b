from django.urls import path

from . import views, wechat

# Same paths and names as allauth's, placed before allauth's URLs so these wrappers answer.
urlpatterns = [
    path("phone/verify/", views.verify_phone, name="account_verify_phone"),
    path("login/code/confirm/", views.confirm_login_code, name="account_confirm_login_code"),
    path("weixin/login/", wechat.oauth2_login, name="weixin_login"),
    path("weixin/login/callback/", wechat.oauth2_callback, name="weixin_callback"),
]
