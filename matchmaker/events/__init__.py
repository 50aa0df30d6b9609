"""Matchmaking events (对接会 / 路演): invitees the engine proposes, attendance, outcomes → pairings."""
