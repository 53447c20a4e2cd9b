"""A local fake of WeChat's endpoints (open.weixin.qq.com and api.weixin.qq.com), on 127.0.0.1, for the tests.

It behaves as WeChat documents: the authorisation page redirects back with `code` and `state` (only `state`
when the person refuses); a code gives an access token once (then errcode 40163); errors come as HTTP 200
with `errcode`; the JS-SDK's access token and jsapi_ticket come with `expires_in`.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

APPS = {"wx-open-test": "open-secret", "wx-mp-test": "mp-secret"}


class FakeWechat:
    def __init__(self):
        self.next_openid = "openid-1"
        self.unionid: str | None = None
        self.deny = False
        self.codes: dict[str, str] = {}  # code -> openid
        self.used: set[str] = set()
        self.tokens: dict[str, str] = {}  # access token -> openid
        self.hits: list[str] = []
        self.ticket_expires_in = 7200
        self.ticket_serial = 0
        self._n = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # --- what WeChat answers -------------------------------------------------------------------------
    def authorize(self, query: dict) -> tuple[int, dict]:
        back = query["redirect_uri"]
        if self.deny:
            return 302, {"Location": f"{back}?{urlencode({'state': query.get('state', '')})}"}
        self._n += 1
        code = f"code-{self._n}"
        self.codes[code] = self.next_openid
        return 302, {"Location": f"{back}?{urlencode({'code': code, 'state': query.get('state', '')})}"}

    def access_token(self, query: dict) -> dict:
        if APPS.get(query.get("appid")) != query.get("secret"):
            return {"errcode": 40125, "errmsg": "invalid appsecret"}
        code = query.get("code", "")
        if code in self.used:
            return {"errcode": 40163, "errmsg": "code been used"}
        if code not in self.codes:
            return {"errcode": 40029, "errmsg": "invalid code"}
        self.used.add(code)
        token = f"token-{code}"
        self.tokens[token] = self.codes[code]
        return {"access_token": token, "expires_in": 7200, "refresh_token": "r", "openid": self.codes[code],
                "scope": "snsapi_login"}  # fmt: skip

    def userinfo(self, query: dict) -> dict:
        openid = self.tokens.get(query.get("access_token", ""))
        if openid is None or openid != query.get("openid"):
            return {"errcode": 40001, "errmsg": "invalid credential"}
        info = {"openid": openid, "nickname": "岭上居民", "sex": 0, "headimgurl": "", "privilege": []}
        return info | ({"unionid": self.unionid} if self.unionid else {})

    def cgi_token(self, query: dict) -> dict:
        if APPS.get(query.get("appid")) != query.get("secret"):
            return {"errcode": 40125, "errmsg": "invalid appsecret"}
        return {"access_token": "base-token", "expires_in": 7200}

    def ticket(self, query: dict) -> dict:
        if query.get("access_token") != "base-token" or query.get("type") != "jsapi":
            return {"errcode": 40001, "errmsg": "invalid credential"}
        self.ticket_serial += 1
        return {"errcode": 0, "errmsg": "ok", "ticket": f"ticket-{self.ticket_serial}",
                "expires_in": self.ticket_expires_in}  # fmt: skip

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                fake.hits.append(parts.path)
                routes = {
                    "/sns/oauth2/access_token": fake.access_token,
                    "/sns/userinfo": fake.userinfo,
                    "/cgi-bin/token": fake.cgi_token,
                    "/cgi-bin/ticket/getticket": fake.ticket,
                }
                if parts.path in ("/connect/qrconnect", "/connect/oauth2/authorize"):
                    status, headers = fake.authorize(query)
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    return
                body = json.dumps(routes[parts.path](query) if parts.path in routes else {"errcode": -1}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler
