"""pairing workflow: contracts on pairings, stage sequence, requests, notifications

- pairings.contract_id replaces contracts.pairing_id, and pairings.registration_no repeats the
  contract's 登记编号 (a composite foreign key keeps them equal), so that named CHECKs refuse a
  pairing at 已签约 or later without a contract and at 已登记 or later without a number;
- 终止 gets a reason code; stage events get a per-pairing sequence number (UNIQUE);
- contracts get the Civil Code sub-type, term, buyer and seller (filled from the pairing);
- pair reviews can be pending: a side's request (申请对接) or a broker's ordering;
- reject reasons as the bureau uses them (vague → other, already_paired → duplicate);
- notifications (inbox and mail) and a per-user e-mail switch;
- a column for the weak flag of stored suggestions (the brokers' queue filters on it).

Revision ID: 394a6e8cfcaa
Revises: 1e20546c5ecd
Create Date: 2026-12-02 06:07:38.637567

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '394a6e8cfcaa'
down_revision = '1e20546c5ecd'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('pairing_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('mail_status', sa.String(length=10), nullable=False),
    sa.Column('mailed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('mail_attempts', sa.Integer(), nullable=False),
    sa.Column('mail_attempted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('mail_error', sa.String(length=500), nullable=True),
    sa.CheckConstraint("mail_status IN ('pending', 'sent', 'skipped')", name=op.f('ck_notifications_mail_status_known')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_notifications_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pairing_id'], ['pairings.id'], name=op.f('fk_notifications_pairing_id_pairings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notifications_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_mail_status'), ['mail_status'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_pairing_id'), ['pairing_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_notifications_user_unread', ['user_id', 'read_at'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_notifications', sa.Boolean(), nullable=False, server_default=sa.true()))
    # Stored lists are recomputed by the consumer (the engine version changes with this release),
    # which sets the flag from each suggestion's calibrated level.
    with op.batch_alter_table('match_suggestions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('weak', sa.Boolean(), nullable=False, server_default=sa.false()))

    # New columns first, constraints once the data is in place.
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sub_type', sa.Enum('development.commissioned', 'development.cooperative', 'transfer.patent', 'transfer.application', 'transfer.know_how', 'transfer.other', 'license.patent', 'license.know_how', 'license.other', 'service.service', 'service.training', 'service.agency', name='contract_sub_type', native_enum=False, create_constraint=True, length=28), nullable=True))
        batch_op.add_column(sa.Column('term_months', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('buyer_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('seller_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('pairings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_code', sa.Enum('enterprise_declined', 'university_declined', 'not_feasible', 'price', 'ip', 'has_solution', 'paused', 'other', name='close_reason', native_enum=False, create_constraint=True, length=23), nullable=True))
        batch_op.add_column(sa.Column('contract_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('registration_no', sa.String(length=40), nullable=True))

    op.execute(sa.text("""
        UPDATE pairings SET
            contract_id = (SELECT c.id FROM contracts c WHERE c.pairing_id = pairings.id),
            registration_no = (SELECT c.registration_no FROM contracts c WHERE c.pairing_id = pairings.id)
    """))
    op.execute(sa.text("UPDATE pairings SET closed_code = 'other' WHERE stage = 'closed'"))
    op.execute(sa.text("""
        UPDATE contracts SET
            sub_type = CASE contract_type WHEN 'development' THEN 'development.commissioned'
                                          WHEN 'transfer' THEN 'transfer.patent'
                                          WHEN 'license' THEN 'license.patent'
                                          WHEN 'service' THEN 'service.service' END,
            buyer_id = (SELECT n.organization_id FROM pairings p JOIN tech_needs n ON n.id = p.need_id
                        WHERE p.id = contracts.pairing_id),
            seller_id = (SELECT a.organization_id FROM pairings p JOIN achievements a ON a.id = p.achievement_id
                         WHERE p.id = contracts.pairing_id)
    """))
    op.execute(sa.text("UPDATE contracts SET registered_income_wan = tech_income_wan "
                       "WHERE registration_no IS NOT NULL AND registered_income_wan IS NULL"))

    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_contracts_pairing_id'), type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_contracts_pairing_id_pairings'), type_='foreignkey')
        batch_op.drop_column('pairing_id')
        batch_op.create_unique_constraint('uq_contracts_id_registration_no', ['id', 'registration_no'])
        batch_op.create_foreign_key(batch_op.f('fk_contracts_buyer_id_organizations'), 'organizations', ['buyer_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_contracts_seller_id_organizations'), 'organizations', ['seller_id'], ['id'])
        batch_op.drop_constraint(batch_op.f('ck_contracts_registration_complete'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_contracts_registration_complete'),
            "(registration_no IS NULL AND registered_on IS NULL AND registered_income_wan IS NULL)"
            " OR (registration_no IS NOT NULL AND registered_on IS NOT NULL AND registered_income_wan IS NOT NULL)")
        batch_op.create_check_constraint(batch_op.f('ck_contracts_sub_type_of_type'),
            "(contract_type = 'consulting' AND sub_type IS NULL)"
            " OR (contract_type <> 'consulting' AND sub_type LIKE contract_type || '.%')")
        batch_op.create_check_constraint(batch_op.f('ck_contracts_term_positive'), "term_months IS NULL OR term_months > 0")
        batch_op.create_check_constraint(batch_op.f('ck_contracts_registered_income_not_negative'),
                                         "registered_income_wan IS NULL OR registered_income_wan >= 0")

    with op.batch_alter_table('pairings', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_pairings_contract_id'), ['contract_id'])
        batch_op.create_foreign_key(batch_op.f('fk_pairings_contract_id_contracts'), 'contracts', ['contract_id'], ['id'])
        batch_op.create_foreign_key('fk_pairings_registration_contracts', 'contracts',
                                    ['contract_id', 'registration_no'], ['id', 'registration_no'])
        batch_op.drop_constraint(batch_op.f('ck_pairings_closed_has_reason'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_pairings_closed_has_reason'), "stage <> 'closed' OR closed_code IS NOT NULL")
        batch_op.create_check_constraint(batch_op.f('ck_pairings_signed_has_contract'),
            "stage NOT IN ('signed', 'registered', 'completed') OR contract_id IS NOT NULL")
        batch_op.create_check_constraint(batch_op.f('ck_pairings_registered_has_number'),
            "stage NOT IN ('registered', 'completed') OR registration_no IS NOT NULL")

    # Stage events: 1, 2, 3… per pairing, in the order they happened.
    with op.batch_alter_table('stage_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
    op.execute(sa.text("""
        UPDATE stage_events SET seq = (
            SELECT count(*) FROM stage_events e2
            WHERE e2.pairing_id = stage_events.pairing_id
              AND (e2.at < stage_events.at OR (e2.at = stage_events.at AND e2.id <= stage_events.id)))
    """))
    with op.batch_alter_table('stage_events', schema=None) as batch_op:
        batch_op.alter_column('seq', existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_stage_events_pairing_id_seq'), ['pairing_id', 'seq'])
        batch_op.create_check_constraint(batch_op.f('ck_stage_events_seq_positive'), "seq >= 1")

    # Pair reviews: requests and ordering; the bureau's reject reasons.
    with op.batch_alter_table('pair_reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requested_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('requested_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('position', sa.Double(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_pair_reviews_requested_by_id_users'), 'users', ['requested_by_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_constraint(batch_op.f('ck_pair_reviews_decided'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_pair_reviews_reject_reason'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_pair_reviews_request_complete'),
                                         "(requested_by_id IS NULL) = (requested_at IS NULL)")
    op.execute(sa.text("UPDATE pair_reviews SET reject_reason = 'other' WHERE reject_reason = 'vague'"))
    op.execute(sa.text("UPDATE pair_reviews SET reject_reason = 'duplicate' WHERE reject_reason = 'already_paired'"))
    with op.batch_alter_table('pair_reviews', schema=None) as batch_op:
        batch_op.alter_column('reject_reason', existing_type=sa.VARCHAR(length=18), type_=sa.String(length=16),
                              existing_nullable=True)
        batch_op.create_check_constraint(batch_op.f('ck_pair_reviews_reject_reason'), "reject_reason IN ('off_topic', 'too_early', 'over_budget', 'has_solution', 'duplicate', 'other')")


def downgrade():
    with op.batch_alter_table('pair_reviews', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_pair_reviews_reject_reason'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_pair_reviews_request_complete'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_pair_reviews_requested_by_id_users'), type_='foreignkey')
    op.execute(sa.text("DELETE FROM pair_reviews WHERE status = 'pending'"))
    op.execute(sa.text("UPDATE pair_reviews SET reject_reason = 'other' WHERE reject_reason = 'has_solution'"))
    op.execute(sa.text("UPDATE pair_reviews SET reject_reason = 'already_paired' WHERE reject_reason = 'duplicate'"))
    with op.batch_alter_table('pair_reviews', schema=None) as batch_op:
        batch_op.alter_column('reject_reason', existing_type=sa.String(length=16), type_=sa.VARCHAR(length=18),
                              existing_nullable=True)
        batch_op.create_check_constraint(batch_op.f('ck_pair_reviews_reject_reason'), "reject_reason IN ('off_topic', 'too_early', 'over_budget', 'vague', 'already_paired', 'other')")
        batch_op.create_check_constraint(batch_op.f('ck_pair_reviews_decided'), "status <> 'pending'")
        batch_op.drop_column('position')
        batch_op.drop_column('requested_at')
        batch_op.drop_column('requested_by_id')

    with op.batch_alter_table('stage_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_stage_events_seq_positive'), type_='check')
        batch_op.drop_constraint(batch_op.f('uq_stage_events_pairing_id_seq'), type_='unique')
        batch_op.drop_column('seq')

    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pairing_id', sa.Integer(), nullable=True))
    op.execute(sa.text("UPDATE contracts SET pairing_id = (SELECT p.id FROM pairings p WHERE p.contract_id = contracts.id)"))
    op.execute(sa.text("UPDATE pairings SET closed_reason = COALESCE(closed_reason, closed_code) WHERE stage = 'closed'"))
    with op.batch_alter_table('pairings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_pairings_registered_has_number'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_pairings_signed_has_contract'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_pairings_closed_has_reason'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_pairings_closed_has_reason'), "stage <> 'closed' OR closed_reason IS NOT NULL")
        batch_op.drop_constraint('fk_pairings_registration_contracts', type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_pairings_contract_id_contracts'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_pairings_contract_id'), type_='unique')
        batch_op.drop_constraint(batch_op.f('ck_pairings_close_reason'), type_='check')
        batch_op.drop_column('registration_no')
        batch_op.drop_column('contract_id')
        batch_op.drop_column('closed_code')

    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.alter_column('pairing_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_contracts_pairing_id_pairings'), 'pairings', ['pairing_id'], ['id'])
        batch_op.create_unique_constraint(batch_op.f('uq_contracts_pairing_id'), ['pairing_id'])
        batch_op.drop_constraint(batch_op.f('ck_contracts_registered_income_not_negative'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_contracts_term_positive'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_contracts_sub_type_of_type'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_contracts_registration_complete'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_contracts_registration_complete'),
            "(registration_no IS NULL AND registered_on IS NULL) OR (registration_no IS NOT NULL AND registered_on IS NOT NULL)")
        batch_op.drop_constraint(batch_op.f('fk_contracts_seller_id_organizations'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_contracts_buyer_id_organizations'), type_='foreignkey')
        batch_op.drop_constraint('uq_contracts_id_registration_no', type_='unique')
        batch_op.drop_constraint(batch_op.f('ck_contracts_contract_sub_type'), type_='check')
        batch_op.drop_column('reminded_at')
        batch_op.drop_column('seller_id')
        batch_op.drop_column('buyer_id')
        batch_op.drop_column('term_months')
        batch_op.drop_column('sub_type')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('email_notifications')
    with op.batch_alter_table('match_suggestions', schema=None) as batch_op:
        batch_op.drop_column('weak')

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_unread')
        batch_op.drop_index(batch_op.f('ix_notifications_user_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_pairing_id'))
        batch_op.drop_index(batch_op.f('ix_notifications_mail_status'))
        batch_op.drop_index(batch_op.f('ix_notifications_created_at'))
    op.drop_table('notifications')
