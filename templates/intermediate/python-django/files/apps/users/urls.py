"""/api/v1/users and /api/v1/users/{id}, without trailing slashes."""

from rest_framework.routers import SimpleRouter

from apps.users.views import UserViewSet

router = SimpleRouter(trailing_slash=False)
router.register("users", UserViewSet, basename="user")

urlpatterns = router.urls
