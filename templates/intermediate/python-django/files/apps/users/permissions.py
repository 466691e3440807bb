"""Who may use /api/v1/users (see utils.permissions and README, "Requiring
authentication")."""

from utils.permissions import ModelPermissionsWhenRequired


class UserPermissions(ModelPermissionsWhenRequired):
    """Anyone, until API_REQUIRE_AUTH: then an authenticated user, with
    users.add_user, users.change_user or users.delete_user to write. Add
    rules of this resource here (a user may change only itself, ...)."""
