"""The home page: for a visitor, what the product does; for a signed-in user, their cohorts and the
assignments due."""
