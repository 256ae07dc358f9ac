"""Entity classes (placeholder until codegen/generate.py writes this file)."""

from __future__ import annotations

from datetime import datetime

from mastodon.types_base import Entity, MaybeSnowflakeIdType, NonPaginatableList


class Account(Entity):
    id: MaybeSnowflakeIdType
    created_at: datetime


class Application(Entity):
    name: str


class Status(Entity):
    id: MaybeSnowflakeIdType
    created_at: datetime
    account: Account


class Instance(Entity):
    version: str


class InstanceV2(Entity):
    version: str


class InstanceV1(Entity):
    version: str


class Nodeinfo(Entity):
    version: str


class OAuthServerInfo(Entity):
    issuer: str


class OAuthUserInfo(Entity):
    iss: str


class AccountCreationError(Entity):
    error: str


class Relationship(Entity):
    id: MaybeSnowflakeIdType


class Notification(Entity):
    id: MaybeSnowflakeIdType
    status: Status


class Conversation(Entity):
    id: MaybeSnowflakeIdType
    last_status: Status
    accounts: NonPaginatableList[Account]


class Announcement(Entity):
    id: MaybeSnowflakeIdType


class StreamReaction(Entity):
    name: str


class MediaAttachment(Entity):
    id: MaybeSnowflakeIdType


class Poll(Entity):
    id: MaybeSnowflakeIdType
    expires_at: datetime


class PreviewCard(Entity):
    url: str


class Context(Entity):
    ancestors: NonPaginatableList[Status]
    descendants: NonPaginatableList[Status]


class Report(Entity):
    id: MaybeSnowflakeIdType


class ScheduledStatus(Entity):
    id: MaybeSnowflakeIdType
    scheduled_at: datetime


class Search(Entity):
    accounts: NonPaginatableList[Account]
    statuses: NonPaginatableList[Status]


class SearchV2(Entity):
    accounts: NonPaginatableList[Account]
    statuses: NonPaginatableList[Status]


class UserList(Entity):
    id: MaybeSnowflakeIdType


ENTITY_NAME_MAP: dict[str, type[Entity]] = {
    name: value for name, value in dict(globals()).items() if isinstance(value, type) and issubclass(value, Entity)
}

__all__ = ["ENTITY_NAME_MAP", *ENTITY_NAME_MAP]
