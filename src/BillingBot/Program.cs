Console.WriteLine("BillingBot");
