"""Public endpoint methods, one mixin class per API area."""
