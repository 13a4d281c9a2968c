"""How a user is named where the API shows one name: a leaf module, read by the shapes and the store's filter."""


def display_name(u):
    """'First Last' for a standard user; a service user's friendly name is already that."""
    if u.get("friendly_name"):
        return u["friendly_name"]
    name = " ".join(p for p in (u.get("first_name"), u.get("last_name")) if p)
    return name or u.get("user_name") or (u.get("email") or "").split("@")[0]
