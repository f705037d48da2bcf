<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BackupController</name>
    <message numerus="yes">
        <source>Backed up %n contact(s) to %1 (%2).</source>
        <translation>
            <numerusform>Backed up %n contact to %1 (%2).</numerusform>
            <numerusform>Backed up %n contacts to %1 (%2).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkActions</name>
    <message numerus="yes">
        <source>&amp;Beat to add to %n contact(s):</source>
        <translation>
            <numerusform>&amp;Beat to add to %n contact:</numerusform>
            <numerusform>&amp;Beat to add to %n contacts:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Tag to add to %n contact(s):</source>
        <translation>
            <numerusform>&amp;Tag to add to %n contact:</numerusform>
            <numerusform>&amp;Tag to add to %n contacts:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Beat to remove from %n contact(s):</source>
        <translation>
            <numerusform>&amp;Beat to remove from %n contact:</numerusform>
            <numerusform>&amp;Beat to remove from %n contacts:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Tag to remove from %n contact(s):</source>
        <translation>
            <numerusform>&amp;Tag to remove from %n contact:</numerusform>
            <numerusform>&amp;Tag to remove from %n contacts:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changing %n contact(s)…</source>
        <translation>
            <numerusform>Changing %n contact…</numerusform>
            <numerusform>Changing %n contacts…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add beat “%1” to %n contact(s)</source>
        <translation>
            <numerusform>Add beat “%1” to %n contact</numerusform>
            <numerusform>Add beat “%1” to %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add tag “%1” to %n contact(s)</source>
        <translation>
            <numerusform>Add tag “%1” to %n contact</numerusform>
            <numerusform>Add tag “%1” to %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove beat “%1” from %n contact(s)</source>
        <translation>
            <numerusform>Remove beat “%1” from %n contact</numerusform>
            <numerusform>Remove beat “%1” from %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove tag “%1” from %n contact(s)</source>
        <translation>
            <numerusform>Remove tag “%1” from %n contact</numerusform>
            <numerusform>Remove tag “%1” from %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Account manager for %n contact(s):</source>
        <translation>
            <numerusform>&amp;Account manager for %n contact:</numerusform>
            <numerusform>&amp;Account manager for %n contacts:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Give %n contact(s) to %1</source>
        <translation>
            <numerusform>Give %n contact to %1</numerusform>
            <numerusform>Give %n contacts to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Kind of %n contact(s):</source>
        <translation>
            <numerusform>&amp;Kind of %n contact:</numerusform>
            <numerusform>&amp;Kind of %n contacts:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Make %n contact(s) “%1”</source>
        <translation>
            <numerusform>Make %n contact “%1”</numerusform>
            <numerusform>Make %n contacts “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moving %n contact(s) to the trash…</source>
        <translation>
            <numerusform>Moving %n contact to the trash…</numerusform>
            <numerusform>Moving %n contacts to the trash…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n contact(s) to the trash</source>
        <translation>
            <numerusform>Move %n contact to the trash</numerusform>
            <numerusform>Move %n contacts to the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Campaign to add %n contact(s) to:</source>
        <translation>
            <numerusform>&amp;Campaign to add %n contact to:</numerusform>
            <numerusform>&amp;Campaign to add %n contacts to:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Adding %n contact(s) to “%1”…</source>
        <translation>
            <numerusform>Adding %n contact to “%1”…</numerusform>
            <numerusform>Adding %n contacts to “%1”…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message numerus="yes">
        <source>%Ln campaign(s)</source>
        <translation>
            <numerusform>%Ln campaign</numerusform>
            <numerusform>%Ln campaigns</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message numerus="yes">
        <source>Delete %n contacts</source>
        <translation>
            <numerusform>Delete %n contact</numerusform>
            <numerusform>Delete %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contacts moved to trash. Undo with %1.</source>
        <translation>
            <numerusform>%n contact moved to trash. Undo with %1.</numerusform>
            <numerusform>%n contacts moved to trash. Undo with %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n contacts</source>
        <translation>
            <numerusform>Restore %n contact</numerusform>
            <numerusform>Restore %n contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contacts restored.</source>
        <translation>
            <numerusform>%n contact restored.</numerusform>
            <numerusform>%n contacts restored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shares an email or handle with %n other contact(s).</source>
        <translation>
            <numerusform>Shares an email or handle with %n other contact.</numerusform>
            <numerusform>Shares an email or handle with %n other contacts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message numerus="yes">
        <source>%n likely duplicate pair(s) found in %1 ms. Pick one, choose the contact to keep and merge.</source>
        <translation>
            <numerusform>%n likely duplicate pair found in %1 ms. Pick one, choose the contact to keep and merge.</numerusform>
            <numerusform>%n likely duplicate pairs found in %1 ms. Pick one, choose the contact to keep and merge.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrganizationsView</name>
    <message numerus="yes">
        <source>%n people work at “%1”. They keep their other details and show no organization while it is in the trash. Move it to the trash?</source>
        <translation>
            <numerusform>%n person works at “%1”. They keep their other details and show no organization while it is in the trash. Move it to the trash?</numerusform>
            <numerusform>%n people work at “%1”. They keep their other details and show no organization while it is in the trash. Move it to the trash?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogInteractionCommand</name>
    <message numerus="yes">
        <source>Log %1 with %n people</source>
        <translation>
            <numerusform>Log %1 with %n person</numerusform>
            <numerusform>Log %1 with %n people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n follow-up(s) overdue</source>
        <translation>
            <numerusform>%n follow-up overdue</numerusform>
            <numerusform>%n follow-ups overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message numerus="yes">
        <source>Syncing… %n item(s)</source>
        <translation>
            <numerusform>Syncing… %n item</numerusform>
            <numerusform>Syncing… %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message numerus="yes">
        <source>Newest of %n item(s): %1</source>
        <translation>
            <numerusform>Newest of %n item: %1</numerusform>
            <numerusform>Newest of %n items: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s) moved to the contact&apos;s history.</source>
        <translation>
            <numerusform>%1: %n item moved to the contact&apos;s history.</numerusform>
            <numerusform>%1: %n items moved to the contact&apos;s history.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n author(s) waiting in the Inbox</source>
        <translation>
            <numerusform>%n author waiting in the Inbox</numerusform>
            <numerusform>%n authors waiting in the Inbox</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncCommands</name>
    <message numerus="yes">
        <source>last synced %1, %n item(s)</source>
        <translation>
            <numerusform>last synced %1, %n item</numerusform>
            <numerusform>last synced %1, %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Syncing %1… %n item(s)</source>
        <translation>
            <numerusform>Syncing %1… %n item</numerusform>
            <numerusform>Syncing %1… %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n author(s) waiting in the Inbox.</source>
        <translation>
            <numerusform>%n author waiting in the Inbox.</numerusform>
            <numerusform>%n authors waiting in the Inbox.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncHttp</name>
    <message numerus="yes">
        <source>%1 (%n attempts)</source>
        <translation>
            <numerusform>%1 (%n attempt)</numerusform>
            <numerusform>%1 (%n attempts)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncManager</name>
    <message numerus="yes">
        <source>%n new item(s)</source>
        <translation>
            <numerusform>%n new item</numerusform>
            <numerusform>%n new items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n for the Inbox</source>
        <translation>
            <numerusform>, %n for the Inbox</numerusform>
            <numerusform>, %n for the Inbox</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n like(s), boost(s) or follow(s)</source>
        <translation>
            <numerusform>, %n like, boost or follow</numerusform>
            <numerusform>, %n likes, boosts or follows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n item could not be read and was skipped.</numerusform>
            <numerusform>%n items could not be read and were skipped.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message numerus="yes">
        <source>Syncing %1… %n item(s)</source>
        <translation>
            <numerusform>Syncing %1… %n item</numerusform>
            <numerusform>Syncing %1… %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Synced %n account(s)</source>
        <translation>
            <numerusform>Synced %n account</numerusform>
            <numerusform>Synced %n accounts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n new item(s)</source>
        <translation>
            <numerusform>, %n new item</numerusform>
            <numerusform>, %n new items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n in the Inbox</source>
        <translation>
            <numerusform>, %n in the Inbox</numerusform>
            <numerusform>, %n in the Inbox</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n failed: %1</source>
        <translation>
            <numerusform>; %n failed: %1</numerusform>
            <numerusform>; %n failed: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message numerus="yes">
        <source>%n like(s), boost(s), follow(s) or quote(s) on social media in 90 days</source>
        <translation>
            <numerusform>%n like, boost, follow or quote on social media in 90 days</numerusform>
            <numerusform>%n likes, boosts, follows or quotes on social media in 90 days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoverageTab</name>
    <message numerus="yes">
        <source>Proposed coverage: %n post(s) by pitched people that mention the campaign&apos;s topics</source>
        <translation>
            <numerusform>Proposed coverage: %n post by a pitched person that mentions the campaign&apos;s topics</numerusform>
            <numerusform>Proposed coverage: %n posts by pitched people that mention the campaign&apos;s topics</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoolingOffView</name>
    <message numerus="yes">
        <source>%n relationship(s) cooling off</source>
        <translation>
            <numerusform>%n relationship cooling off</numerusform>
            <numerusform>%n relationships cooling off</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message numerus="yes">
        <source>the system keyring did not answer within %n second(s); it may be locked</source>
        <translation>
            <numerusform>the system keyring did not answer within %n second; it may be locked</numerusform>
            <numerusform>the system keyring did not answer within %n seconds; it may be locked</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SocialAccount</name>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n item could not be read and was skipped.</numerusform>
            <numerusform>%n items could not be read and were skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) could not be read and were skipped: %1</source>
        <translation>
            <numerusform>%n item could not be read and was skipped: %1</numerusform>
            <numerusform>%n items could not be read and were skipped: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardModels</name>
    <message numerus="yes">
        <source>Replied within %n day(s)</source>
        <translation>
            <numerusform>Replied within %n day</numerusform>
            <numerusform>Replied within %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PitchScore</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n week(s) ago</source>
        <translation>
            <numerusform>%n week ago</numerusform>
            <numerusform>%n weeks ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>%n month ago</numerusform>
            <numerusform>%n months ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) ago</source>
        <translation>
            <numerusform>%n year ago</numerusform>
            <numerusform>%n years ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wrote about %1 %2 (%n matching posts in %3 days)</source>
        <translation>
            <numerusform>wrote about %1 %2 (%n matching post in %3 days)</numerusform>
            <numerusform>wrote about %1 %2 (%n matching posts in %3 days)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>covered %1 %n time(s) before</source>
        <translation>
            <numerusform>covered %1 once before</numerusform>
            <numerusform>covered %1 %n times before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>replied to %1 of %n pitch(es)</source>
        <translation>
            <numerusform>replied to %1 of %n pitch</numerusform>
            <numerusform>replied to %1 of %n pitches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>covered %1 of %n pitch(es)</source>
        <translation>
            <numerusform>covered %1 of %n pitch</numerusform>
            <numerusform>covered %1 of %n pitches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>pitched %n times in the last %1 days, last %2</source>
        <translation>
            <numerusform>pitched once in the last %1 days, %2</numerusform>
            <numerusform>pitched %n times in the last %1 days, last %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PitchRepository</name>
    <message numerus="yes">
        <source>Added %n person(s) to the media list.</source>
        <translation>
            <numerusform>Added %n person to the media list.</numerusform>
            <numerusform>Added %n people to the media list.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not added:</source>
        <translation>
            <numerusform>%n not added:</numerusform>
            <numerusform>%n not added:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(and %n more)</source>
        <translation>
            <numerusform>(and %n more)</numerusform>
            <numerusform>(and %n more)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WhoToPitchTab</name>
    <message numerus="yes">
        <source>Add %n people to the media list</source>
        <translation>
            <numerusform>Add %n person to the media list</numerusform>
            <numerusform>Add %n people to the media list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Add %n to Media List</source>
        <translation>
            <numerusform>&amp;Add %n to Media List</numerusform>
            <numerusform>&amp;Add %n to Media List</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestCommand</name>
    <message numerus="yes">
        <source>Who to pitch for “%1” (topics: %2): %n of %L3 people</source>
        <translation>
            <numerusform>Who to pitch for “%1” (topics: %2): %n of %L3 people</numerusform>
            <numerusform>Who to pitch for “%1” (topics: %2): %n of %L3 people</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AddToMediaListCommand</name>
    <message numerus="yes">
        <source>Add %n person(s) to “%1”</source>
        <translation>
            <numerusform>Add %n person to “%1”</numerusform>
            <numerusform>Add %n people to “%1”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MediaListTab</name>
    <message numerus="yes">
        <source>%Ln person(s) on the media list</source>
        <translation>
            <numerusform>%Ln person on the media list</numerusform>
            <numerusform>%Ln people on the media list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with a warning</source>
        <translation>
            <numerusform>%Ln with a warning</numerusform>
            <numerusform>%Ln with a warning</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n person(s) to the media list.</source>
        <translation>
            <numerusform>Added %n person to the media list.</numerusform>
            <numerusform>Added %n people to the media list.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n people from the media list</source>
        <translation>
            <numerusform>Remove %n person from the media list</numerusform>
            <numerusform>Remove %n people from the media list</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PipelineTab</name>
    <message numerus="yes">
        <source>%Ln pitch(es)</source>
        <translation>
            <numerusform>%Ln pitch</numerusform>
            <numerusform>%Ln pitches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln reply(s) came in after a pitch. Accept to move the pitch to “Replied”:</source>
        <translation>
            <numerusform>%Ln reply came in after a pitch. Accept to move the pitch to “Replied”:</numerusform>
            <numerusform>%Ln replies came in after a pitch. Accept to move the pitch to “Replied”:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (marked “Reply?” on the board).</source>
        <translation>
            <numerusform>… and %n more (marked “Reply?” on the board).</numerusform>
            <numerusform>… and %n more (marked “Reply?” on the board).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message numerus="yes">
        <source>%n row(s). Enter opens a row's contact.</source>
        <translation>
            <numerusform>%n row. Enter opens a row's contact.</numerusform>
            <numerusform>%n rows. Enter opens a row's contact.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pitch(es)</source>
        <translation>
            <numerusform>%n pitch</numerusform>
            <numerusform>%n pitches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s)</source>
        <translation>
            <numerusform>%n follow-up</numerusform>
            <numerusform>%n follow-ups</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n handle(s)</source>
        <translation>
            <numerusform>%n handle</numerusform>
            <numerusform>%n handles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n email address(es)</source>
        <translation>
            <numerusform>%n email address</numerusform>
            <numerusform>%n email addresses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n phone number(s)</source>
        <translation>
            <numerusform>%n phone number</numerusform>
            <numerusform>%n phone numbers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n coverage entry(s) they wrote stay with the campaign, without their name.</source>
        <translation>
            <numerusform>%n coverage entry they wrote stays with the campaign, without their name.</numerusform>
            <numerusform>%n coverage entries they wrote stay with the campaign, without their name.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add their Mastodon and Bluesky handles (%n) to the ignore list, so the sync does not bring them back</source>
        <translation>
            <numerusform>Add their Mastodon or Bluesky handle (%n) to the ignore list, so the sync does not bring it back</numerusform>
            <numerusform>Add their Mastodon and Bluesky handles (%n) to the ignore list, so the sync does not bring them back</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPreviewPage</name>
    <message numerus="yes">
        <source>%Ln row(s) read.</source>
        <translation>
            <numerusform>%Ln row read.</numerusform>
            <numerusform>%Ln rows read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln with problems, left out unless fixed.</source>
        <translation>
            <numerusform>%Ln with problems, left out unless fixed.</numerusform>
            <numerusform>%Ln with problems, left out unless fixed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln left out by you.</source>
        <translation>
            <numerusform>%Ln left out by you.</numerusform>
            <numerusform>%Ln left out by you.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportRunPage</name>
    <message numerus="yes">
        <source>%Ln contact(s) created</source>
        <translation>
            <numerusform>%Ln contact created</numerusform>
            <numerusform>%Ln contacts created</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contact(s) updated</source>
        <translation>
            <numerusform>%Ln contact updated</numerusform>
            <numerusform>%Ln contacts updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already in Rapport and skipped</source>
        <translation>
            <numerusform>%Ln already in Rapport and skipped</numerusform>
            <numerusform>%Ln already in Rapport and skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) merged with another row of the file</source>
        <translation>
            <numerusform>%Ln row merged with another row of the file</numerusform>
            <numerusform>%Ln rows merged with another row of the file</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) left out for their problems</source>
        <translation>
            <numerusform>%Ln row left out for its problems</numerusform>
            <numerusform>%Ln rows left out for their problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) left out by you</source>
        <translation>
            <numerusform>%Ln row left out by you</numerusform>
            <numerusform>%Ln rows left out by you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln organization(s) created</source>
        <translation>
            <numerusform>%Ln organization created</numerusform>
            <numerusform>%Ln organizations created</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Back online: %n change(s) made meanwhile are shown.</source>
        <translation>
            <numerusform>Back online: %n change made meanwhile is shown.</numerusform>
            <numerusform>Back online: %n changes made meanwhile are shown.</numerusform>
        </translation>
    </message>
</context>
</TS>
