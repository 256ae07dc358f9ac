"""Facts about the server itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from mastodon._http.request import decode_body, send
from mastodon._server import SUPPORTED_VERSION
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError, MastodonNotFoundError
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Instance, InstanceV2, Nodeinfo
from mastodon.types_base import try_cast_recurse
from mastodon.versions import api_version, read_version_string

__all__ = ["InstanceMixin"]

NODEINFO_2_0 = "http://nodeinfo.diaspora.software/ns/schema/2.0"


class InstanceMixin(MethodsBase):
    """The server's description, version and software."""

    @staticmethod
    def get_supported_version() -> str:
        """The newest Mastodon version whose API this library covers.

        Returns:
            A version string such as ``"4.6.0"``.
        """
        return SUPPORTED_VERSION

    @api_version("1.1.0", "2.3.0")
    def instance_v1(self) -> Instance:
        """The server's description in the original (v1) format.

        Returns:
            The instance.
        """
        result: Instance = self._call("GET", "/api/v1/instance", Instance)
        return result

    @api_version("4.0.0", "4.0.0")
    def instance_v2(self) -> InstanceV2:
        """The server's description in the current (v2) format.

        Returns:
            The instance.
        """
        result: InstanceV2 = self._call("GET", "/api/v2/instance", InstanceV2)
        self._instance_cache = result
        self._learn_version(result)
        return result

    @api_version("1.1.0", "4.0.0")
    def instance(self) -> InstanceV2 | Instance:
        """The server's description: v2 where the server has it (Mastodon 4.0 and later), else v1.

        Returns:
            The instance.
        """
        # Only a version the server really reported as older than 4.0 sends us to v1 directly; a
        # version string that cannot be read (other software's, such as "takahe/0.11.0") must not
        # change the choice made from what the server answers.
        known = read_version_string(self._mastodon_version_str)
        if known is not None and known < (4, 0, 0):
            return self.instance_v1()
        try:
            return self.instance_v2()
        except MastodonNotFoundError:
            result = self.instance_v1()
            self._learn_version(result)
            return result

    def _learn_version(self, info: Any) -> None:
        """Remember the version an instance document reports, unless one was given."""
        if self._mastodon_version_given or not isinstance(info, Mapping):
            return
        version = info.get("version")
        if isinstance(version, str) and version:
            self._remember_version(version)
            self.version_check_worked = read_version_string(version) is not None

    @api_version("3.0.0", "3.0.0")
    def instance_nodeinfo(self, schema: str = NODEINFO_2_0) -> Nodeinfo:
        """The server's NodeInfo document (software name and version, usage figures).

        Args:
            schema: The NodeInfo schema to ask for.

        Returns:
            The NodeInfo document.
        """
        if not isinstance(schema, str) or not schema.strip():
            raise MastodonIllegalArgumentError(f"schema must be a NodeInfo schema URI, not {schema!r}")
        links = self._call("GET", "/.well-known/nodeinfo", None)
        href = None
        if isinstance(links, Mapping) and isinstance(links.get("links"), list):
            for link in links["links"]:
                if isinstance(link, Mapping) and link.get("rel") == schema:
                    href = link.get("href")
                    break
        if not isinstance(href, str) or not href:
            raise MastodonAPIError.build(None, None, f"the server offers no NodeInfo document for schema {schema}")
        own = urlsplit(self.api_base_url)
        target = urlsplit(href)
        if target.scheme not in ("http", "https"):
            raise MastodonAPIError.build(None, None, f"the server's NodeInfo link {href!r} is not an http(s) URL")
        # The token is only ever sent to the server it belongs to.
        same_server = (target.scheme, target.netloc) == (own.scheme, own.netloc)
        response = send(self, "GET", href, authenticated=same_server)
        result: Nodeinfo = try_cast_recurse(Nodeinfo, decode_body(response))
        return result
