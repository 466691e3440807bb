"""/api/v1/users: list, create, read, change and delete users.

Each action checks in the contract's order: the id of the path, the body
(size, then JSON object), every field, then existence and uniqueness in the
service.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request as DrfRequest
from rest_framework.response import Response as DrfResponse

from apps.users.models import User
from apps.users.permissions import UserPermissions
from apps.users.repository import DjangoUserRepository
from apps.users.serializers import (
    UserCreateSerializer,
    UserSerializer,
    UserUpdateSerializer,
)
from apps.users.services import UserService
from utils.pagination import ContractPagination
from utils.parsers import json_object
from utils.viewsets import ResourceViewSet


class UserViewSet(ResourceViewSet[User]):
    queryset = User.objects.all()
    serializer_class = UserSerializer
    pagination_class = ContractPagination
    permission_classes = (UserPermissions,)

    @property
    def service(self) -> UserService:
        return UserService(DjangoUserRepository())

    @extend_schema(operation_id="listUsers", responses=UserSerializer(many=True))
    def list(self, request: DrfRequest) -> DrfResponse:
        pager = ContractPagination()
        users = pager.paginate_service(request, self.service.list)
        return pager.get_paginated_response(UserSerializer(users, many=True).data)

    @extend_schema(
        operation_id="createUser",
        request=UserCreateSerializer,
        responses={201: UserSerializer},
    )
    def create(self, request: DrfRequest) -> DrfResponse:
        body = UserCreateSerializer(data=json_object(request))
        body.is_valid(raise_exception=True)
        user = self.service.create(**body.validated_data)
        return DrfResponse(
            UserSerializer(user).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": f"/api/v1/users/{user.pk}"},
        )

    @extend_schema(operation_id="getUser", responses=UserSerializer)
    def retrieve(self, request: DrfRequest, pk: str) -> DrfResponse:
        user = self.service.get(self.item_id(pk))
        return DrfResponse(UserSerializer(user).data)

    @extend_schema(
        operation_id="updateUser",
        request=UserUpdateSerializer,
        responses=UserSerializer,
    )
    def partial_update(self, request: DrfRequest, pk: str) -> DrfResponse:
        user_id = self.item_id(pk)
        body = UserUpdateSerializer(data=json_object(request))
        body.is_valid(raise_exception=True)
        user = self.service.update(user_id, body.validated_data)
        return DrfResponse(UserSerializer(user).data)

    @extend_schema(operation_id="deleteUser", responses={204: OpenApiResponse()})
    def destroy(self, request: DrfRequest, pk: str) -> DrfResponse:
        self.service.delete(self.item_id(pk))
        return DrfResponse(status=status.HTTP_204_NO_CONTENT)
