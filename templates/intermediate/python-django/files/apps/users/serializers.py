"""Users as the API answers them, and the bodies that create and change them."""

from typing import ClassVar

from rest_framework import serializers

from apps.users.models import User
from contract.rules import check_email, check_name
from utils.serializers import ContractSerializer, RuleField, TimestampField


class UserSerializer(serializers.ModelSerializer[User]):
    """{id, name, email, created_at, updated_at}: nothing else of the model."""

    created_at = TimestampField()
    updated_at = TimestampField()

    class Meta:
        model = User
        fields: ClassVar[list[str]] = [
            "id",
            "name",
            "email",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class UserCreateSerializer(ContractSerializer):
    name = RuleField(check_name)
    email = RuleField(check_email)


class UserUpdateSerializer(ContractSerializer):
    name = RuleField(check_name, required=False)
    email = RuleField(check_email, required=False)
