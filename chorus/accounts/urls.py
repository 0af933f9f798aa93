from django.urls import path

from chorus.accounts import views

app_name = "accounts"

urlpatterns = [
    path("invitations/<str:key>/", views.invitation_accept, name="invitation-accept"),
    path("people/", views.people, name="people"),
    path("people/invite/", views.invitation_create, name="invitation-create"),
    path("people/import/", views.invitation_import, name="invitation-import"),
    path("people/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation-resend"),
    path("people/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation-revoke"),
    path("people/<int:pk>/role/", views.person_role, name="person-role"),
    path("people/advocacy/", views.advocacy_history, name="advocacy-history"),
    path("me/", views.profile, name="profile"),
    path("me/tokens/", views.api_tokens, name="api-tokens"),
    path("me/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("advocacy/join/", views.advocacy_join, name="advocacy-join"),
    path("advocacy/leave/", views.advocacy_leave, name="advocacy-leave"),
    path("language/", views.language_set, name="language-set"),
]
