<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AssignmentsPage</name>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n done</numerusform>
            <numerusform>%n done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AssignmentsTab</name>
    <message numerus="yes">
        <source>%n assignment(s)</source>
        <translation>
            <numerusform>%n assignment</numerusform>
            <numerusform>%n assignments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BranchSummaryView</name>
    <message numerus="yes">
        <source>%n core skill(s)</source>
        <translation>
            <numerusform>%n core skill</numerusform>
            <numerusform>%n core skills</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n employee(s) in scope</source>
        <translation>
            <numerusform>%n employee in scope</numerusform>
            <numerusform>%n employees in scope</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CashCountingView</name>
    <message numerus="yes">
        <source>Flagged %n note(s): no. %1</source>
        <translation>
            <numerusform>Flagged %n note: no. %1</numerusform>
            <numerusform>Flagged %n notes: no. %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missed defect(s): note(s) %1</source>
        <translation>
            <numerusform>%n missed defect: note %1</numerusform>
            <numerusform>%n missed defects: notes %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n defect(s) flagged as the wrong kind</source>
        <translation>
            <numerusform>%n defect flagged as the wrong kind</numerusform>
            <numerusform>%n defects flagged as the wrong kind</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sound note(s) flagged</source>
        <translation>
            <numerusform>%n sound note flagged</numerusform>
            <numerusform>%n sound notes flagged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n count(s) wrong</source>
        <translation>
            <numerusform>%n count wrong</numerusform>
            <numerusform>%n counts wrong</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContentImportDialog</name>
    <message numerus="yes">
        <source>Checking %n file(s)…</source>
        <translation>
            <numerusform>Checking %n file…</numerusform>
            <numerusform>Checking %n files…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>OK, %n warning(s)</source>
        <translation>
            <numerusform>OK, %n warning</numerusform>
            <numerusform>OK, %n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing will be imported: %n file(s) have errors. Fix them (the messages below give file:line:column) and import again.</source>
        <translation>
            <numerusform>Nothing will be imported: %n file has errors. Fix it (the messages below give file:line:column) and import again.</numerusform>
            <numerusform>Nothing will be imported: %n files have errors. Fix them (the messages below give file:line:column) and import again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n file(s) are valid. Import them?</source>
        <translation>
            <numerusform>The file is valid. Import it?</numerusform>
            <numerusform>All %n files are valid. Import them?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n file(s).</source>
        <translation>
            <numerusform>Imported %n file.</numerusform>
            <numerusform>Imported %n files.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InterruptedAttemptDialog</name>
    <message numerus="yes">
        <source>Keep it: it is scored from the %n key(s) saved, as if you had stopped there. Or discard it.</source>
        <translation>
            <numerusform>Keep it: it is scored from the %n key saved, as if you had stopped there. Or discard it.</numerusform>
            <numerusform>Keep it: it is scored from the %n keys saved, as if you had stopped there. Or discard it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Signed out after %n minute(s) without use.</source>
        <translation>
            <numerusform>Signed out after %n minute without use.</numerusform>
            <numerusform>Signed out after %n minutes without use.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MakingChangeView</name>
    <message numerus="yes">
        <source>Change so far: %1 in %n piece(s)</source>
        <translation>
            <numerusform>Change so far: %1 in %n piece</numerusform>
            <numerusform>Change so far: %1 in %n pieces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Customer %1: right change, %n piece(s).</source>
        <translation>
            <numerusform>Customer %1: right change, %n piece.</numerusform>
            <numerusform>Customer %1: right change, %n pieces.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Customer %1: %2. You gave %3 for %4 due (fewest: %n piece(s)).</source>
        <translation>
            <numerusform>Customer %1: %2. You gave %3 for %4 due (fewest: %n piece).</numerusform>
            <numerusform>Customer %1: %2. You gave %3 for %4 due (fewest: %n pieces).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PracticePage</name>
    <message numerus="yes">
        <source>Tests left under your trainer&apos;s limit: %n</source>
        <translation>
            <numerusform>Tests left under your trainer&apos;s limit: %n</numerusform>
            <numerusform>Tests left under your trainer&apos;s limit: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueImportDialog</name>
    <message numerus="yes">
        <source>Nothing was imported: the file has %n problem(s). Fix them (file:line:column below) and import again.</source>
        <translation>
            <numerusform>Nothing was imported: the file has %n problem. Fix them (file:line:column below) and import again.</numerusform>
            <numerusform>Nothing was imported: the file has %n problems. Fix them (file:line:column below) and import again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StandardsTab</name>
    <message numerus="yes">
        <source>Share of each demand level&apos;s service-standard items met, over %n scenario run(s). Items a scenario does not involve do not count.</source>
        <translation>
            <numerusform>Share of each demand level&apos;s service-standard items met, over %n scenario run. Items a scenario does not involve do not count.</numerusform>
            <numerusform>Share of each demand level&apos;s service-standard items met, over %n scenario runs. Items a scenario does not involve do not count.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VoucherSummingView</name>
    <message numerus="yes">
        <source>Vouchers of this group not added yet: %n. Hand in the total anyway? A total handed in cannot be changed.</source>
        <translation>
            <numerusform>Vouchers of this group not added yet: %n. Hand in the total anyway? A total handed in cannot be changed.</numerusform>
            <numerusform>Vouchers of this group not added yet: %n. Hand in the total anyway? A total handed in cannot be changed.</numerusform>
        </translation>
    </message>
</context>
</TS>
