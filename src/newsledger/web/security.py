"""What keeps a served ledger safe: a cap on request bodies, a token for anything that writes,
and response headers that stop a page from running scripts it did not ship.

No endpoint takes a filesystem path: the ledger is fixed when the app is made, static files come
from the package folder through Starlette's ``StaticFiles`` (which refuses ``..``), and uploaded
articles arrive as text in the request body.
"""
from __future__ import annotations

import hmac
from typing import Optional

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY = 2_000_000

#: Scripts only from this server (no inline script, no eval), so text that slips past escaping
#: still cannot run. Inline styles stay allowed: the chart and graph libraries set style attributes.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``max_body`` bytes, whether it declares its
    length (refused before reading) or streams it in chunks (refused once the count passes it)."""


    def __init__(self, app: ASGIApp, max_body: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_long = int(declared) > self.max_body
            except ValueError:
                await _plain_error(send, 400, "bad Content-Length")
                return
            if too_long:
                if int(declared) <= DRAIN_FACTOR * self.max_body:
                    await _drain(receive)  # a client still sending would see a reset instead of the 413
                await _too_large(send, self.max_body)
            else:  # uvicorn delivers no more than the declared length
                await self.app(scope, receive, send)
            return
        # A streamed body (no Content-Length): read it here, at most max_body bytes, then hand the
        # app what was read. The app never sees a partial body, so it cannot answer 400 instead of 413.
        chunks, received = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message]), send)  # the client went away
                return
            chunks.append(message.get("body", b""))
            received += len(chunks[-1])
            if received > self.max_body:
                if message.get("more_body", False):
                    await _drain(receive, DRAIN_FACTOR * self.max_body - received)
                await _too_large(send, self.max_body)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay([{"type": "http.request", "body": b"".join(chunks), "more_body": False}], receive), send)


#: Bodies up to this many times the limit are read and thrown away before the 413 is sent, so that a
#: client that writes its whole body before reading the answer gets the answer; larger ones are cut off.
DRAIN_FACTOR = 8


async def _drain(receive: Receive, budget: Optional[int] = None) -> None:
    """Read and discard the rest of a request body (at most ``budget`` bytes when given)."""
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return
        if budget is not None:
            budget -= len(message.get("body", b""))
            if budget <= 0:
                return
        if not message.get("more_body", False):
            return


def _replay(messages: list[Message], then: Optional[Receive] = None) -> Receive:
    pending = list(messages)

    async def receive() -> Message:
        if pending:
            return pending.pop(0)
        if then is not None:
            return await then()  # after the body: wait for the disconnect as usual
        return {"type": "http.disconnect"}

    return receive


async def _too_large(send: Send, limit: int) -> None:
    await _plain_error(send, 413, f"request body is larger than the limit of {limit:,} bytes")


async def _plain_error(send: Send, status: int, detail: str) -> None:
    import json

    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware adding ``SECURITY_HEADERS`` to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *(h for h in SECURITY_HEADERS if h[0] not in present)]}
            await send(message)

        await self.app(scope, receive, with_headers)


def require_write_token(request: Request) -> None:
    """Dependency of every endpoint that writes: 401 unless the request carries the server's token
    (``Authorization: Bearer TOKEN``); a server started without ``--write-token`` writes nothing."""
    expected: Optional[str] = request.app.state.write_token
    given = _bearer(request.headers.get("authorization"))
    if not expected:
        raise HTTPException(401, "this server is read-only; start it with --write-token TOKEN to allow writes",
                            headers={"WWW-Authenticate": "Bearer"})
    if given is None or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "a valid write token is needed: send `Authorization: Bearer TOKEN`",
                            headers={"WWW-Authenticate": "Bearer"})


def _bearer(header: Optional[str]) -> Optional[str]:
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server reachable from this machine only."""
    import ipaddress

    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
