"""API authentication: personal tokens (`Authorization: Bearer <token>`) or the session."""

from ninja.security import HttpBearer, SessionAuth

from chorus.accounts import selectors, services


class TokenAuth(HttpBearer):
    openapi_description = "A personal API token, from your settings or `manage.py issue_api_token`."

    def authenticate(self, request, token):
        row = selectors.api_token_lookup(token=token)
        if row is None:
            return None
        services.api_token_touch(token=row)
        request.user = row.user
        return row.user


token_auth = TokenAuth()
session_auth = SessionAuth()
