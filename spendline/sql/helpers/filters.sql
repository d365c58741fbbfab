-- The global filters but the month range (in_months), one macro per source. Budgets have
-- no vendor, results no vendor or category: a filter on a dimension a source does not have
-- leaves that source whole.
create or replace macro ledger_kept(channel, platform, category, campaign, account, vendor) as
    kept(channel, cast(getvariable('channels') as varchar[]))
    and kept(platform, cast(getvariable('platforms') as varchar[]))
    and kept(category, cast(getvariable('categories') as varchar[]))
    and kept(campaign_or_unallocated(campaign), cast(getvariable('campaigns') as varchar[]))
    and kept(account, cast(getvariable('accounts') as varchar[]))
    and kept(vendor, cast(getvariable('vendors') as varchar[]));

create or replace macro budget_kept(channel, platform, category, campaign, account) as
    kept(channel, cast(getvariable('channels') as varchar[]))
    and kept(platform, cast(getvariable('platforms') as varchar[]))
    and kept(category, cast(getvariable('categories') as varchar[]))
    and kept(campaign_or_unallocated(campaign), cast(getvariable('campaigns') as varchar[]))
    and kept(account, cast(getvariable('accounts') as varchar[]));

create or replace macro results_kept(channel, platform, campaign, account) as
    kept(channel, cast(getvariable('channels') as varchar[]))
    and kept(platform, cast(getvariable('platforms') as varchar[]))
    and kept(campaign, cast(getvariable('campaigns') as varchar[]))
    and kept(account, cast(getvariable('accounts') as varchar[]));

-- The fiscal years the month range touches (landing is a whole-year figure).
create or replace macro in_fiscal_years(fiscal_year) as
    (cast(getvariable('from_month') as date) is null
     or fiscal_year >= fiscal_year_of(cast(getvariable('from_month') as date)))
    and (cast(getvariable('to_month') as date) is null
         or fiscal_year <= fiscal_year_of(cast(getvariable('to_month') as date)));
