using BillingBot.Billing.Accounts;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Members;
using BillingBot.Billing.PromisedPayments;
using BillingBot.Billing.Storage;

namespace BillingBot.Billing;

/// <summary>Every billing operation, by feature, over one store.</summary>
public sealed class BillingService
{
    public BillingService(BillingStore store, TimeProvider time, BillingSettings settings)
    {
        var postings = new Postings(store, time);
        Store = store;
        Settings = settings;
        Accounts = new AccountService(store, postings, time, settings);
        Invoices = new InvoiceService(store, postings, time, settings);
        Charges = new ChargeService(store, postings, time, settings);
        Promises = new PromisedPaymentService(store, postings, time, settings);
        Agency = new AgencyService(store, postings, time, settings);
        Members = new MemberService(store, time, settings);
    }

    public BillingStore Store { get; }
    public BillingSettings Settings { get; }
    public AccountService Accounts { get; }
    public InvoiceService Invoices { get; }
    public ChargeService Charges { get; }
    public PromisedPaymentService Promises { get; }
    public AgencyService Agency { get; }
    public MemberService Members { get; }
}
