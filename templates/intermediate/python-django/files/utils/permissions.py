"""Who may use the API: anyone, unless settings.API_REQUIRE_AUTH is true.

Then every request needs an authenticated user (HTTP Basic by default, see
REST_FRAMEWORK in config/settings/base.py), and a write needs the model's
permission: POST `<app>.add_<model>`, PATCH `<app>.change_<model>`, DELETE
`<app>.delete_<model>` (granted in Django's auth tables, e.g. to a group).
Each app's permissions.py derives its classes from these.
"""

from typing import Any

from django.conf import settings
from rest_framework.permissions import BasePermission, DjangoModelPermissions
from rest_framework.request import Request


class ModelPermissionsWhenRequired(BasePermission):
    """AllowAny while API_REQUIRE_AUTH is off; DjangoModelPermissions (an
    authenticated user, and the model permission for writes) once it is on."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not settings.API_REQUIRE_AUTH:
            return True
        return bool(DjangoModelPermissions().has_permission(request, view))
