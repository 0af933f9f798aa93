"""/api/v1: one NinjaAPI, one router per domain; errors always answer {detail, code}."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from chorus.api.academy import router as academy_router
from chorus.api.analytics import router as analytics_router
from chorus.api.auth import session_auth, token_auth
from chorus.api.campaigns import router as campaigns_router
from chorus.api.compose import router as compose_router
from chorus.api.content import router as content_router
from chorus.api.health import router as health_router
from chorus.api.me import router as me_router
from chorus.api.notifications import router as notifications_router
from chorus.api.program import router as program_router
from chorus.api.questions import router as questions_router
from chorus.api.sharing import router as sharing_router
from chorus.core.errors import ChorusError

api = NinjaAPI(
    title="Chorus API",
    version="1",
    description="Chorus' JSON API. Authenticate with `Authorization: Bearer <token>`.",
    urls_namespace="api",
    auth=[token_auth, session_auth],
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("/", me_router)
api.add_router("/", content_router)
api.add_router("/", compose_router)
api.add_router("/", sharing_router)
api.add_router("/", analytics_router)
api.add_router("/", academy_router)
api.add_router("/", campaigns_router)
api.add_router("/", program_router)
api.add_router("/", questions_router)
api.add_router("/", notifications_router)
api.add_router("/", health_router)


@api.exception_handler(ChorusError)
def chorus_error(request, exc: ChorusError):
    return api.create_response(
        request, {"detail": exc.message, "code": exc.code}, status=exc.status
    )


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return api.create_response(
        request,
        {
            "detail": "A valid API token is required (Authorization: Bearer <token>).",
            "code": "unauthorized",
        },
        status=401,
    )


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    return api.create_response(
        request,
        {"detail": "The request is not valid.", "code": "invalid", "errors": exc.errors},
        status=422,
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found.", "code": "not_found"}, status=404)
