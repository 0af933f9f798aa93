from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from chorus.accounts.models import (
    AdvocacyMembership,
    ApiToken,
    Department,
    Invitation,
    Location,
    User,
)
from chorus.accounts.services import PROFILE_FIELDS


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "role", "department", "is_active"]
    list_filter = ["role", "is_active", "department", "location"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {"fields": list(PROFILE_FIELDS)},
        ),
        (_("Access"), {"fields": ["role", "is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Department, Location)
class NamedAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "created_at", "expires_at", "accepted_at", "revoked_at"]
    exclude = ["key"]


@admin.register(AdvocacyMembership)
class AdvocacyMembershipAdmin(admin.ModelAdmin):
    """Read-only: joining and leaving is each person's own act."""

    list_display = ["user", "joined_at", "left_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash"]
