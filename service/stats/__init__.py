"""/stats: counts of events and fatalities by group and period, for charts and dashboards."""
