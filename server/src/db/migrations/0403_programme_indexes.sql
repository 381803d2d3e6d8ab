-- The facts view reads a household's latest card when it has no active one (card_status);
-- equity_card (assessment's table) has no index on household_id beyond the active-card one,
-- so each such household would scan the table. Added here, by the view that needs it.
CREATE INDEX programme_equity_card_household_idx ON equity_card (household_id, issued_at DESC);
