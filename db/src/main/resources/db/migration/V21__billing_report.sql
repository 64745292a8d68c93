-- The billing report (issue 17): one company's devices whose billing started in a month, in billing-start
-- order. ix_device_billing (V1) answers the whole month; filtered by company it would read every device of
-- the month to keep one company's, so a month of 100,000 devices cost a pass over all of them per page.
CREATE INDEX ix_device_company_billing ON device (company_id, billing_started_at, id);
