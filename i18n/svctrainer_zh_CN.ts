<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About svctrainer</source>
        <translation>关于 svctrainer</translation>
    </message>
    <message>
        <source>Bank tellers practise the basic skills and the customer handling that decide how long customers wait and how they feel when they leave: satisfaction service, comfort service and delight service.</source>
        <translation>银行柜员在这里练习基本功和客户接待技巧——正是这些决定了客户要等多久、离开时是什么感受：满意服务、舒适服务和惊喜服务。</translation>
    </message>
    <message>
        <source>Data folder: %1
Log folder: %2
Python %3, PySide6 %4</source>
        <translation>数据文件夹：%1
日志文件夹：%2
Python %3，PySide6 %4</translation>
    </message>
    <message>
        <source>Released under the MIT licence.</source>
        <translation>依据 MIT 许可证发布。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>&amp;People</source>
        <translation>人员(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Teams</source>
        <translation>团队(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation>数据库(&amp;D)</translation>
    </message>
    <message>
        <source>A&amp;udit log</source>
        <translation>审计日志(&amp;U)</translation>
    </message>
    <message>
        <source>Offline &amp;sync</source>
        <translation>离线同步(&amp;S)</translation>
    </message>
</context>
<context>
    <name>AmountWordsView</name>
    <message>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>delete the last character</source>
        <translation>删除最后一个字符</translation>
    </message>
    <message>
        <source>write 壹…玖 零 拾 佰 仟 万 亿 元 角 分 整</source>
        <translation>大写书写：壹…玖 零 拾 佰 仟 万 亿 元 角 分 整</translation>
    </message>
    <message>
        <source>All answers given.</source>
        <translation>全部作答完毕。</translation>
    </message>
    <message>
        <source>Write this amount in words</source>
        <translation>写出大写金额</translation>
    </message>
    <message>
        <source>Key this amount in figures, to the cent</source>
        <translation>录入小写金额，写到分</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>第 %1 题，共 %2 题</translation>
    </message>
    <message>
        <source>Question %1</source>
        <translation>第 %1 题</translation>
    </message>
    <message>
        <source>Previous answer right: %1</source>
        <translation>上一题正确：%1</translation>
    </message>
    <message>
        <source>Previous answer: you wrote %1 — the standard writing is %2. Rule: %3.</source>
        <translation>上一题：你写的是 %1，规范写法是 %2。规则：%3。</translation>
    </message>
</context>
<context>
    <name>AssignmentDialog</name>
    <message>
        <source>Edit assignment</source>
        <translation>编辑任务</translation>
    </message>
    <message>
        <source>New assignment</source>
        <translation>新建任务</translation>
    </message>
    <message>
        <source>Find a drill or scenario</source>
        <translation>查找训练项目或情景</translation>
    </message>
    <message>
        <source>no minimum</source>
        <translation>不设下限</translation>
    </message>
    <message>
        <source>&amp;Due by</source>
        <translation>截止日期(&amp;D)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>A word for the people assigned (optional)</source>
        <translation>给被分配人员的留言（可选）</translation>
    </message>
    <message>
        <source>Why the change (kept in the audit log)</source>
        <translation>修改原因（记入审计日志）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>&amp;Assign</source>
        <translation>分配(&amp;A)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>模式(&amp;M)</translation>
    </message>
    <message>
        <source>Minimum s&amp;peed</source>
        <translation>最低速度(&amp;P)</translation>
    </message>
    <message>
        <source>Minimum a&amp;ccuracy</source>
        <translation>最低准确率(&amp;C)</translation>
    </message>
    <message>
        <source>Minimum sc&amp;ore</source>
        <translation>最低得分(&amp;O)</translation>
    </message>
    <message>
        <source>Minimum &amp;tier</source>
        <translation>最低等级(&amp;T)</translation>
    </message>
    <message>
        <source>Practice &amp;sessions first</source>
        <translation>先完成练习次数(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>留言(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <source>Drills and scenarios (several make a bundle)</source>
        <translation>训练项目和情景（可多选组成一组）</translation>
    </message>
    <message>
        <source>People and teams (a team includes future members)</source>
        <translation>人员和团队（团队包括今后加入的成员）</translation>
    </message>
    <message>
        <source>%1 (one fixed form)</source>
        <translation>%1（固定试卷）</translation>
    </message>
    <message>
        <source>Everyone gets the same form, pinned by the pack; other drills give a new form of equal difficulty to each attempt.</source>
        <translation>人人同一套试卷，由训练内容包固定；其他训练项目每次作答都出一套难度相同的新试卷。</translation>
    </message>
    <message>
        <source>%1 (whole team)</source>
        <translation>%1（整个团队）</translation>
    </message>
    <message>
        <source>Either mode</source>
        <translation>任一模式</translation>
    </message>
    <message>
        <source>The drills chosen measure speed in different units.</source>
        <translation>所选训练项目的速度单位不同。</translation>
    </message>
    <message>
        <source>Only content with a practice mode counts sessions.</source>
        <translation>只有带练习模式的内容才计练习次数。</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>已选：%1</translation>
    </message>
    <message>
        <source>Nothing chosen yet.</source>
        <translation>尚未选择。</translation>
    </message>
    <message>
        <source>Choose at least one drill or scenario.</source>
        <translation>请至少选择一个训练项目或情景。</translation>
    </message>
    <message>
        <source>Choose at least one person or team.</source>
        <translation>请至少选择一个人员或团队。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>AssignmentsPage</name>
    <message>
        <source>My assignments</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <source>Drill or scenario</source>
        <translation>训练项目或情景</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Nothing is assigned to you right now. Practise anything you like on the Practice page: basic skills practised every day shorten the customers&apos; wait.</source>
        <translation>目前没有分配给你的任务。你可以在“练习”页面练习任何项目：每天练基本功，客户就能少等一会儿。</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Start the selected assignment (Enter)</source>
        <translation>开始所选任务（Enter）</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n 项进行中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 项已逾期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n 项已完成</numerusform>
        </translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation>目标：%1</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>下一步：%1</translation>
    </message>
    <message>
        <source>Practice sessions: %1 of %2</source>
        <translation>练习次数：%1 / %2</translation>
    </message>
    <message>
        <source>your trainer</source>
        <translation>你的培训师</translation>
    </message>
    <message>
        <source>Note from %1:</source>
        <translation>%1 的留言：</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>无法开始</translation>
    </message>
    <message>
        <source>%1 cannot be started from the Practice page yet.</source>
        <translation>%1 目前还不能从“练习”页面开始。</translation>
    </message>
</context>
<context>
    <name>AssignmentsTab</name>
    <message>
        <source>Drill or scenario</source>
        <translation>训练项目或情景</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>分配给</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最好成绩</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>最近一次</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>&amp;New assignment…</source>
        <translation>新建任务(&amp;N)…</translation>
    </message>
    <message>
        <source>Assign drills or scenarios (Ctrl+N)</source>
        <translation>分配训练项目或情景（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the target, due date or note (Ctrl+E)</source>
        <translation>修改目标、截止日期或留言（Ctrl+E）</translation>
    </message>
    <message>
        <source>Cance&amp;l assignment…</source>
        <translation>取消任务(&amp;L)…</translation>
    </message>
    <message>
        <source>Withdraw the assignment, saying why (Delete)</source>
        <translation>撤回任务并说明原因（Delete）</translation>
    </message>
    <message>
        <source>Show cancelle&amp;d</source>
        <translation>显示已取消(&amp;D)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新（F5）</translation>
    </message>
    <message>
        <source>%1 (cancelled)</source>
        <translation>%1（已取消）</translation>
    </message>
    <message numerus="yes">
        <source>%n assignment(s)</source>
        <translation>
            <numerusform>%n 项任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n 项已逾期</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an assignment to see everyone&apos;s progress.</source>
        <translation>选择一项任务，查看每个人的进度。</translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation>目标：%1</translation>
    </message>
    <message>
        <source>set by %1</source>
        <translation>由 %1 设置</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>留言：%1</translation>
    </message>
    <message>
        <source>Cancel assignment</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>Cancel “%1” for %2? It disappears from their assignments; their results stay.</source>
        <translation>为 %2 取消“%1”？它将从他们的任务中消失，成绩保留。</translation>
    </message>
</context>
<context>
    <name>AttemptDialog</name>
    <message>
        <source>Result: %1</source>
        <translation>结果：%1</translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>About</source>
        <translation>涉及对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Filter by person, action or detail</source>
        <translation>按人员、操作或详情筛选</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Export audit log</source>
        <translation>导出审计日志</translation>
    </message>
</context>
<context>
    <name>BranchSummaryView</name>
    <message>
        <source>Branch summary</source>
        <translation>网点概览</translation>
    </message>
    <message>
        <source>Every core skill of the branch, English and Chinese packs together. Click a skill to open its table, person by person.</source>
        <translation>网点每项核心技能一览，中英文内容包合并计算。单击某项技能，即可打开逐人明细表。</translation>
    </message>
    <message>
        <source>&amp;Open skill table</source>
        <translation>打开技能明细表(&amp;O)</translation>
    </message>
    <message>
        <source>Branch summary &amp;PDF…</source>
        <translation>网点概览 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n core skill(s)</source>
        <translation>
            <numerusform>%n 项核心技能</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n employee(s) in scope</source>
        <translation>
            <numerusform>统计范围内 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>No drill with a test has been imported yet.</source>
        <translation>尚未导入带测验的训练项目。</translation>
    </message>
    <message>
        <source>Median gain over baseline, skill by skill</source>
        <translation>各项技能相对基线提升的中位数</translation>
    </message>
    <message>
        <source>median gain, %</source>
        <translation>提升中位数（%）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <source>Saved %1 (%2)</source>
        <translation>已保存 %1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n 页</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
</context>
<context>
    <name>CashCountingView</name>
    <message>
        <source>Flagged: %1</source>
        <translation>已标记：%1</translation>
    </message>
    <message>
        <source>Counted: %1</source>
        <translation>已清点：%1</translation>
    </message>
    <message>
        <source>No notes flagged yet.</source>
        <translation>尚未标记任何钞票。</translation>
    </message>
    <message>
        <source>Hint: this note is %1</source>
        <translation>提示：这张钞票是%1</translation>
    </message>
    <message>
        <source>note %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <source>Report for this bundle</source>
        <translation>本把清点结果</translation>
    </message>
    <message>
        <source>Type how many genuine notes of each denomination the bundle held: unfit notes count, suspect counterfeits do not. Tab or Enter moves on; on the last count it hands the report in.</source>
        <translation>输入这把钞票中每种面额的真币张数：残损币计入，可疑假币不计入。Tab 或 Enter 移到下一项；在最后一项按下即交出结果。</translation>
    </message>
    <message>
        <source>While counting</source>
        <translation>点钞时</translation>
    </message>
    <message>
        <source>Next note (Space)</source>
        <translation>下一张（空格）</translation>
    </message>
    <message>
        <source>Flag the note shown as:</source>
        <translation>将当前钞票标记为：</translation>
    </message>
    <message>
        <source>⌫ removes the flag of the note shown.</source>
        <translation>⌫ 取消当前钞票的标记。</translation>
    </message>
    <message>
        <source>count it, next note</source>
        <translation>计数，下一张</translation>
    </message>
    <message>
        <source>other denomination</source>
        <translation>其他面额</translation>
    </message>
    <message>
        <source>unfit</source>
        <translation>残损</translation>
    </message>
    <message>
        <source>counterfeit</source>
        <translation>假币</translation>
    </message>
    <message>
        <source>remove flag</source>
        <translation>取消标记</translation>
    </message>
    <message>
        <source>next count</source>
        <translation>下一项</translation>
    </message>
    <message>
        <source>All bundles counted.</source>
        <translation>所有钞把已清点完毕。</translation>
    </message>
    <message>
        <source>Bundle %1 of %2</source>
        <translation>第 %1 把，共 %2 把</translation>
    </message>
    <message>
        <source>Bundle %1</source>
        <translation>第 %1 把</translation>
    </message>
    <message>
        <source>strap: %1</source>
        <translation>腰条：%1</translation>
    </message>
    <message numerus="yes">
        <source>Flagged %n note(s): no. %1</source>
        <translation>
            <numerusform>已标记 %n 张：第 %1 张</numerusform>
        </translation>
    </message>
    <message>
        <source>Bundle %1: all defects found and every count right.</source>
        <translation>第 %1 把：所有问题钞票都已找出，各项张数正确。</translation>
    </message>
    <message numerus="yes">
        <source>%n missed defect(s): note(s) %1</source>
        <translation>
            <numerusform>漏检 %n 张问题钞票：第 %1 张</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n defect(s) flagged as the wrong kind</source>
        <translation>
            <numerusform>%n 张问题钞票标错了类别</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sound note(s) flagged</source>
        <translation>
            <numerusform>%n 张完好钞票被误标</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n count(s) wrong</source>
        <translation>
            <numerusform>%n 项张数错误</numerusform>
        </translation>
    </message>
    <message>
        <source>Bundle %1: %2.</source>
        <translation>第 %1 把：%2。</translation>
    </message>
    <message>
        <source>The bundle is void.</source>
        <translation>此把作废。</translation>
    </message>
</context>
<context>
    <name>ChangePinDialog</name>
    <message>
        <source>Change my PIN</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>&amp;Current PIN</source>
        <translation>当前密码(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;New PIN</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Repeat new PIN</source>
        <translation>再次输入新密码(&amp;R)</translation>
    </message>
    <message>
        <source>A PIN is 4 to 12 digits.</source>
        <translation>密码为 4 到 12 位数字。</translation>
    </message>
    <message>
        <source>The two new PINs differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>ContentImportDialog</name>
    <message>
        <source>Import drill packs and scenarios</source>
        <translation>导入训练内容包和情景</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message numerus="yes">
        <source>Checking %n file(s)…</source>
        <translation>
            <numerusform>正在检查 %n 个文件…</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Messages</source>
        <translation>消息(&amp;M)</translation>
    </message>
    <message>
        <source>Drill pack</source>
        <translation>训练内容包</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>OK, %n warning(s)</source>
        <translation>
            <numerusform>正常，%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message numerus="yes">
        <source>Nothing will be imported: %n file(s) have errors. Fix them (the messages below give file:line:column) and import again.</source>
        <translation>
            <numerusform>不会导入任何内容：%n 个文件有错误。请修正（下方消息给出 文件:行:列）后重新导入。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n file(s) are valid. Import them?</source>
        <translation>
            <numerusform>全部 %n 个文件均有效。是否导入？</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>new version</source>
        <translation>新版本</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未改变</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n file(s).</source>
        <translation>
            <numerusform>已导入 %n 个文件。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContentPreviewDialog</name>
    <message>
        <source>Preview: %1</source>
        <translation>预览：%1</translation>
    </message>
    <message>
        <source>&amp;Try it</source>
        <translation>试一试(&amp;T)</translation>
    </message>
    <message>
        <source>Run it yourself on the Practice page</source>
        <translation>在“练习”页面亲自做一遍</translation>
    </message>
    <message>
        <source>&amp;Assign…</source>
        <translation>分配(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Instructions</source>
        <translation>说明(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Grades</source>
        <translation>等级(&amp;G)</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时间限制</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>题量</translation>
    </message>
    <message>
        <source>Wrong keys</source>
        <translation>错键</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>one fixed form for everyone (seed %1)</source>
        <translation>所有人同一套固定试卷（随机种子 %1）</translation>
    </message>
    <message>
        <source>a new form of equal difficulty each attempt</source>
        <translation>每次作答出一套难度相同的新试卷</translation>
    </message>
    <message>
        <source>Hints</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Pause allowed</source>
        <translation>允许暂停</translation>
    </message>
    <message>
        <source>Adapts to weak keys</source>
        <translation>针对薄弱键位加强练习</translation>
    </message>
    <message>
        <source>Clock stops after 5 s idle</source>
        <translation>停顿超过 5 秒暂停计时</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Minimum %1</source>
        <translation>最低 %1</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>客户：%1</translation>
    </message>
    <message>
        <source>Demand level: %1</source>
        <translation>需求程度：%1</translation>
    </message>
    <message>
        <source>Protocol: %1</source>
        <translation>服务流程：%1</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Node and choices</source>
        <translation>节点和选项</translation>
    </message>
    <message>
        <source>Leads to</source>
        <translation>通向</translation>
    </message>
    <message>
        <source>Effects</source>
        <translation>效果</translation>
    </message>
    <message>
        <source>start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>ending</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>ending, need not met</source>
        <translation>结束，需求未满足</translation>
    </message>
    <message>
        <source>%1 s to answer</source>
        <translation>%1 秒内作答</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>对话(&amp;C)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>blocked until the right key</source>
        <translation>须按对才能继续</translation>
    </message>
    <message>
        <source>must be corrected with Backspace</source>
        <translation>必须用退格键改正</translation>
    </message>
    <message>
        <source>stay; may be corrected</source>
        <translation>保留；可以改正</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>score</source>
        <translation>得分</translation>
    </message>
</context>
<context>
    <name>ContentTab</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Find a drill or scenario</source>
        <translation>查找训练项目或情景</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Import drill packs and scenarios (Ctrl+I)</source>
        <translation>导入训练内容包和情景（Ctrl+I）</translation>
    </message>
    <message>
        <source>&amp;Preview…</source>
        <translation>预览(&amp;P)…</translation>
    </message>
    <message>
        <source>Read it before assigning (Enter)</source>
        <translation>分配前先阅读（Enter）</translation>
    </message>
    <message>
        <source>A&amp;ssign…</source>
        <translation>分配(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>ContestPage</name>
    <message>
        <source>&amp;New contest…</source>
        <translation>新建比赛(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Start for the room</source>
        <translation>全场开赛(&amp;S)</translation>
    </message>
    <message>
        <source>C&amp;lose and lock results</source>
        <translation>结束并锁定成绩(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>导出成绩(&amp;E)…</translation>
    </message>
    <message>
        <source>The results sheet with a certificate per contestant (PDF), or a CSV</source>
        <translation>成绩单及每位选手的证书（PDF），或 CSV 表格</translation>
    </message>
    <message>
        <source>Si&amp;t this drill</source>
        <translation>参加本项比赛(&amp;T)</translation>
    </message>
    <message>
        <source>No contest has been announced yet.</source>
        <translation>目前没有已公布的比赛。</translation>
    </message>
    <message>
        <source>No contest yet: create one with “New contest…” (Ctrl+N).</source>
        <translation>还没有比赛：用“新建比赛…”（Ctrl+N）创建一场。</translation>
    </message>
    <message>
        <source>Contest:</source>
        <translation>比赛：</translation>
    </message>
    <message>
        <source>This computer&apos;s clock differs from the server&apos;s by %1 s: set it right before taking part (the contest runs on the server&apos;s clock).</source>
        <translation>本机时钟与服务器相差 %1 秒，请校时后再参赛（比赛以服务器时间为准）。</translation>
    </message>
    <message>
        <source>Could not read the contest: %1</source>
        <translation>无法读取比赛：%1</translation>
    </message>
    <message>
        <source>%1 drill(s) · %2 attempt(s) each, the best complete one counts · a %3-minute window · everyone sits the same form</source>
        <translation>共 %1 个项目 · 每项可做 %2 次，取完整成绩中最好的一次 · 比赛时间 %3 分钟 · 全体选手同一套试题</translation>
    </message>
    <message>
        <source>%1 — attempts used: %2 of %3</source>
        <translation>%1 — 已用次数：%2 / %3</translation>
    </message>
    <message>
        <source>Announced the contest %1</source>
        <translation>已公布比赛 %1</translation>
    </message>
    <message>
        <source>Start the contest</source>
        <translation>开始比赛</translation>
    </message>
    <message>
        <source>Start “%1” for the room now? Every workstation counts down %2 s, then the %3-minute window runs.</source>
        <translation>现在为全场开始“%1”吗？各工位先倒计时 %2 秒，随后计时 %3 分钟。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Close the contest</source>
        <translation>结束比赛</translation>
    </message>
    <message>
        <source>Close “%1” and lock its results? Attempts still running on a workstation will not count, and the results cannot change afterwards.</source>
        <translation>结束“%1”并锁定成绩吗？仍在工位上进行的作答将不计成绩，锁定后成绩不再变动。</translation>
    </message>
    <message>
        <source>Close and lock</source>
        <translation>结束并锁定</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV（*.csv）</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出成绩</translation>
    </message>
    <message>
        <source>Saved %1: provisional standings, no certificates (they are printed once the contest is closed)</source>
        <translation>已保存 %1：为临时排名，不含证书（比赛结束并锁定成绩后方可打印证书）</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>CountingView</name>
    <message>
        <source>Count the notes yourself: the screen keeps no count.</source>
        <translation>请自己清点张数：屏幕上不显示计数。</translation>
    </message>
    <message>
        <source>Flagged %n note(s).</source>
        <translation>已标记 %n 张。</translation>
    </message>
</context>
<context>
    <name>CustomerTimePanel</name>
    <message>
        <source>No customer-time figure yet</source>
        <translation>尚无客户时间数据</translation>
    </message>
    <message>
        <source>Take at least four ten-key (or data-entry) tests, or cash-counting tests (or have four hand counts logged): the first three set your baseline, the later ones your latest level, and the difference becomes seconds saved per customer.</source>
        <translation>至少完成四次小键盘金额录入（或客户资料录入）测验，或点钞测验（或登记四次手工点钞）：前三次确定你的基线，之后的测验代表你的最新水平，两者之差换算成每位客户节省的秒数。</translation>
    </message>
    <message>
        <source>%1 s per transaction · %2 customer-minutes a day</source>
        <translation>每笔业务 %1 秒 · 每天 %2 客户分钟</translation>
    </message>
    <message>
        <source>Mean service time at your counter %1 s → %2 s per transaction.</source>
        <translation>你的窗口平均办理时间：每笔 %1 秒 → %2 秒。</translation>
    </message>
    <message>
        <source>Service time saved at your counter: %1 customer-minutes a day (%2 customers; the lower bound, true even when nobody queues).</source>
        <translation>你的窗口节省的办理时间：每天 %1 客户分钟（%2 位客户；这是下限，即使无人排队也成立）。</translation>
    </message>
    <message>
        <source>In the branch&apos;s shared queue you serve %1 of the day&apos;s customers: your gain saves them %2 customer-minutes of waiting and service a day.</source>
        <translation>在网点的统一叫号队列中，你接待当天 %1 的客户：你的提升每天为他们节省 %2 客户分钟的等候和办理时间。</translation>
    </message>
    <message>
        <source>Not measured yet (counted as unchanged): %1.</source>
        <translation>尚未测得（按不变计算）：%1。</translation>
    </message>
    <message>
        <source>Nobody here has a baseline and a later test yet.</source>
        <translation>这里还没有人同时具备基线和后续测验。</translation>
    </message>
    <message>
        <source>%1 customer-minutes of service time a day (the queue cannot keep up)</source>
        <translation>每天 %1 客户分钟的办理时间（队列无法消化）</translation>
    </message>
    <message>
        <source>%1 customer-minutes saved a day, %2 of them at the window</source>
        <translation>每天节省 %1 客户分钟，其中 %2 在窗口</translation>
    </message>
    <message>
        <source>%1 people with test results save %2 s per transaction on average; in the shared queue each serves %3 of the day&apos;s customers, so the branch&apos;s mean service time falls by %4 s.</source>
        <translation>%1 名有测验成绩的员工平均每笔业务节省 %2 秒；在统一叫号队列中每人接待当天 %3 的客户，因此网点平均办理时间缩短 %4 秒。</translation>
    </message>
    <message>
        <source>Source: imported queue tickets, %1 to %2 (%3 days, %4 tickets, %5 customers a day).</source>
        <translation>数据来源：导入的排队号票，%1 至 %2（%3 天，%4 张号票，每天 %5 位客户）。</translation>
    </message>
    <message>
        <source>Source: assumed arrival profile (no queue tickets imported for this period): %1 customers a day on %2 windows on average.</source>
        <translation>数据来源：假定的到店规律（本期未导入排队号票）：平均每天 %1 位客户，开放 %2 个窗口。</translation>
    </message>
    <message>
        <source>A window is held %1 s per customer on average, call to finish (variability %2); the line is modelled hour by hour as one ticket queue feeding the open windows.</source>
        <translation>每位客户平均占用窗口 %1 秒（从叫号到办结，变异度 %2）；按小时把排队建模为一条叫号队列，供给各开放窗口。</translation>
    </message>
    <message>
        <source>Modelled mean wait %1 → %2 min; waiting over %3 min: %4 → %5.</source>
        <translation>模型平均等候 %1 → %2 分钟；等候超过 %3 分钟的比例：%4 → %5。</translation>
    </message>
    <message>
        <source>Windows needed for %1 of customers called within %2 min: %3 → %4 window-hours a day (%5 open).</source>
        <translation>要让 %1 的客户在 %2 分钟内叫到号，每天需开窗口 %3 → %4 个·小时（目前开 %5 个·小时）。</translation>
    </message>
    <message>
        <source>Measured in the tickets: mean wait %1 min, %2 waiting over %3 min.</source>
        <translation>号票实测：平均等候 %1 分钟，%2 等候超过 %3 分钟。</translation>
    </message>
    <message>
        <source>The queue cannot keep up at %1: more customers arrive than the open windows can serve, so no waiting figure exists for the day; open a window then.</source>
        <translation>%1 时队列无法消化：到店客户多于开放窗口的接待能力，因此当天没有等候数据；请在该时段加开窗口。</translation>
    </message>
    <message>
        <source>Check the mix: %1 transactions per teller a day disagree with this queue (%2 customers a day on %3 windows is %4 a window).</source>
        <translation>请检查业务构成：每名柜员每天 %1 笔业务与该队列不符（每天 %2 位客户、%3 个窗口，即每窗口 %4 笔）。</translation>
    </message>
    <message>
        <source>A drill&apos;s speed is not the counter&apos;s: %1 of the keying gain and %2 of the counting gain are counted at the counter (the branch&apos;s transfer factors).</source>
        <translation>训练速度不等于柜面速度：录入提升的 %1、点钞提升的 %2 计入柜面（网点的折算系数）。</translation>
    </message>
    <message>
        <source>Keying: %1 → %2 keystrokes per hour (baseline → latest tests).</source>
        <translation>录入：每小时 %1 → %2 次击键（基线 → 最新测验）。</translation>
    </message>
    <message>
        <source>Counting: %1 → %2 notes per minute (logged hand counts).</source>
        <translation>点钞：每分钟 %1 → %2 张（登记的手工点钞）。</translation>
    </message>
    <message>
        <source>Counting: %1 → %2 notes per minute.</source>
        <translation>点钞：每分钟 %1 → %2 张。</translation>
    </message>
    <message>
        <source>keying</source>
        <translation>录入</translation>
    </message>
    <message>
        <source>counting notes</source>
        <translation>点钞</translation>
    </message>
</context>
<context>
    <name>CustomerTimeTab</name>
    <message>
        <source>All teams</source>
        <translation>全部团队</translation>
    </message>
    <message>
        <source>T&amp;eam</source>
        <translation>团队(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Saving</source>
        <translation>节省(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;What if</source>
        <translation>假设分析(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Before / after</source>
        <translation>前后对比(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Queue data</source>
        <translation>排队数据(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Mix and assumptions</source>
        <translation>业务构成与假设(&amp;M)</translation>
    </message>
    <message>
        <source>Customer-minutes saved a day, each team&apos;s gains alone</source>
        <translation>每天节省的客户分钟（各团队单独的提升）</translation>
    </message>
    <message>
        <source>customer-minutes a day</source>
        <translation>客户分钟/天</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>All teams</source>
        <translation>全部团队</translation>
    </message>
    <message>
        <source>Find a name or number</source>
        <translation>查找姓名或工号</translation>
    </message>
    <message>
        <source>&amp;Drill</source>
        <translation>训练项目(&amp;D)</translation>
    </message>
    <message>
        <source>T&amp;eam</source>
        <translation>团队(&amp;E)</translation>
    </message>
    <message>
        <source>Needs attention: idle 14 days (no practice), or no progress (under 2 % in 4 weeks)</source>
        <translation>需关注：14天未练习（没有练习），或提升停滞（近4周提速不足2%）</translation>
    </message>
    <message>
        <source>Improved most</source>
        <translation>提升最多</translation>
    </message>
    <message>
        <source>&amp;Open employee…</source>
        <translation>打开员工(&amp;O)…</translation>
    </message>
    <message>
        <source>Export table as &amp;CSV…</source>
        <translation>将表格导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;attempts CSV…</source>
        <translation>导出成绩记录 CSV(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Team PDF…</source>
        <translation>团队 PDF(&amp;T)…</translation>
    </message>
    <message>
        <source>Employee P&amp;DF…</source>
        <translation>员工 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;xAPI…</source>
        <translation>xAPI(&amp;X)…</translation>
    </message>
    <message>
        <source>‹ &amp;Branch summary</source>
        <translation>‹ 网点概览(&amp;B)</translation>
    </message>
    <message>
        <source>Back to every skill of the branch (Alt+Left)</source>
        <translation>返回网点各项技能一览（Alt+←）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>提升</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>测验</translation>
    </message>
    <message>
        <source>Last practice</source>
        <translation>最近练习</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Trend over the last 4 weeks: %1 (%2 attempts)</source>
        <translation>近 4 周趋势：%1（%2 次）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 people · median gain %2 · %3 improved · %4 stalled · %5 with a baseline</source>
        <translation>%1 人 · 提升中位数 %2 · %3 人提升 · %4 人停滞 · %5 人有基线</translation>
    </message>
    <message>
        <source>gain, %</source>
        <translation>提升，%</translation>
    </message>
    <message>
        <source>gain, points</source>
        <translation>提升，分</translation>
    </message>
    <message>
        <source>gain</source>
        <translation>提升</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Choose an employee in the table first.</source>
        <translation>请先在表格中选择一名员工。</translation>
    </message>
    <message>
        <source>Saved %1 (%2)</source>
        <translation>已保存 %1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n 页</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DataEntryView</name>
    <message>
        <source>Check digit does not match: compare with the form</source>
        <translation>校验码不符：请与客户单据核对</translation>
    </message>
    <message>
        <source>Wrong number of characters</source>
        <translation>位数不对</translation>
    </message>
    <message>
        <source>Characters this field does not take</source>
        <translation>本栏不接受这些字符</translation>
    </message>
    <message>
        <source>No such region code</source>
        <translation>行政区划代码不存在</translation>
    </message>
    <message>
        <source>The birth date in the number is not a date</source>
        <translation>号码中的出生日期不是有效日期</translation>
    </message>
    <message>
        <source>Not a date (YYYY-MM-DD)</source>
        <translation>不是有效日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>Not a mobile number segment in use</source>
        <translation>不是在用的手机号段</translation>
    </message>
    <message>
        <source>Not a card of an accepted issuer</source>
        <translation>不是受理范围内发卡机构的卡号</translation>
    </message>
    <message>
        <source>This field is required</source>
        <translation>本栏为必填项</translation>
    </message>
    <message>
        <source>Refused: %1. Correct it to go on.</source>
        <translation>校验未通过：%1。更正后才能继续。</translation>
    </message>
    <message>
        <source>Customer&apos;s form</source>
        <translation>客户填写的单据</translation>
    </message>
    <message>
        <source>Your entry (Tab or Enter moves to the next field)</source>
        <translation>你的录入（Tab 或 Enter 移到下一栏）</translation>
    </message>
    <message>
        <source>Record %1</source>
        <translation>第 %1 条记录</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> / %1</translation>
    </message>
</context>
<context>
    <name>DatabaseTab</name>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>&amp;Check database</source>
        <translation>检查数据库(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore selected backup…</source>
        <translation>恢复所选备份(&amp;R)…</translation>
    </message>
    <message>
        <source>This is a server database: back it up on the server (pg_dump).</source>
        <translation>这是服务器数据库：请在服务器上备份（pg_dump）。</translation>
    </message>
    <message>
        <source>Backups kept beside the database (7 daily, 4 weekly, plus every manual one):</source>
        <translation>保存在数据库旁的备份（每日 7 份、每周 4 份，以及所有手动备份）：</translation>
    </message>
    <message>
        <source>Sign in only &amp;my branch here</source>
        <translation>本机只登录本网点人员(&amp;M)</translation>
    </message>
    <message>
        <source>Sign in &amp;every branch here</source>
        <translation>本机登录所有网点人员(&amp;E)</translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation>本工作站</translation>
    </message>
    <message>
        <source>This workstation (%1) signs in people of every branch of the database. On a server shared by several branches, sign in only your branch&apos;s people here, so that nobody of another branch is signed in by mistake.</source>
        <translation>本工作站（%1）可登录数据库中所有网点的人员。多个网点共用一台服务器时，请设为只登录本网点人员，以免误登录其他网点的同事。</translation>
    </message>
    <message>
        <source>This workstation (%1) signs in people of %2 only.</source>
        <translation>本工作站（%1）只登录 %2 的人员。</translation>
    </message>
    <message>
        <source>This workstation (%1) signs in people of %2 only. Only an administrator of %2, or the server&apos;s administrator, can change that.</source>
        <translation>本工作站（%1）只登录 %2 的人员。只有 %2 的管理员或服务器管理员可以更改。</translation>
    </message>
    <message>
        <source>Other workstations that sign in only %1: %2</source>
        <translation>其他只登录 %1 人员的工作站：%2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>daily (automatic)</source>
        <translation>每日（自动）</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Healthy: integrity ok, schema %1 (current), %2 attempts stored.</source>
        <translation>状态良好：完整性正常，数据结构 %1（当前版本），已存储 %2 条成绩记录。</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Select a backup first.</source>
        <translation>请先选择一份备份。</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Replace the database with the backup taken %1? Results recorded after it will not be in the restored database; the current file is kept aside, not deleted.</source>
        <translation>用 %1 的备份替换数据库？之后记录的成绩不会出现在恢复后的数据库中；当前文件另行保留，不会删除。</translation>
    </message>
    <message>
        <source>The backup was restored. The previous database was kept at %1.</source>
        <translation>备份已恢复。原数据库保存在 %1。</translation>
    </message>
</context>
<context>
    <name>DateAxis</name>
    <message>
        <source>yyyy</source>
        <comment>year tick of a time axis (Qt date format)</comment>
        <translation>yyyy年</translation>
    </message>
    <message>
        <source>MMM</source>
        <comment>month tick of a time axis (Qt date format)</comment>
        <translation>M月</translation>
    </message>
    <message>
        <source>dd</source>
        <comment>day tick under month ticks of a time axis (Qt date format)</comment>
        <translation>d日</translation>
    </message>
    <message>
        <source>ddd dd</source>
        <comment>day tick among hour ticks of a time axis (Qt date format)</comment>
        <translation>M月d日</translation>
    </message>
</context>
<context>
    <name>DateRangeBar</name>
    <message>
        <source>&amp;All time</source>
        <translation>全部时间(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>至(&amp;T)</translation>
    </message>
</context>
<context>
    <name>DebriefScreen</name>
    <message>
        <source>The details of this result cannot be read (%1).</source>
        <translation>无法读取这次成绩的详情（%1）。</translation>
    </message>
    <message>
        <source>Service standard: %1 (%2 of %3 items met)</source>
        <translation>服务规范：%1（%3 项中达标 %2 项）</translation>
    </message>
    <message>
        <source>&amp;Again (Ctrl+R)</source>
        <translation>再来一次(&amp;A)（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;Back to practice (Esc)</source>
        <translation>返回练习(&amp;B)（Esc）</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>已遵守</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>违反</translation>
    </message>
    <message>
        <source>met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>未达标</translation>
    </message>
</context>
<context>
    <name>DrawerBalancingView</name>
    <message>
        <source>Voucher: %1    Error: %2    (Enter answers)</source>
        <translation>凭证：%1    差错：%2    （Enter 作答）</translation>
    </message>
    <message>
        <source>Teller system against the drawer</source>
        <translation>柜员系统与尾箱核对</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>上日余额</translation>
    </message>
    <message>
        <source>+ Cash in (system)</source>
        <translation>+ 现金收入（系统）</translation>
    </message>
    <message>
        <source>− Cash out (system)</source>
        <translation>− 现金付出（系统）</translation>
    </message>
    <message>
        <source>= Book balance</source>
        <translation>= 账面余额</translation>
    </message>
    <message>
        <source>Counted in the drawer</source>
        <translation>尾箱实点</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>现金收入</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>现金付出</translation>
    </message>
    <message>
        <source>Notes and coins</source>
        <translation>票币</translation>
    </message>
    <message>
        <source>The day&apos;s vouchers</source>
        <translation>当天的凭证</translation>
    </message>
    <message>
        <source>Denomination</source>
        <translation>面额</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>张数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Exchange (EUR 1300 @ 1.08)</source>
        <translation>外币兑换（EUR 1300 @ 1.08）</translation>
    </message>
    <message>
        <source>Drawer count</source>
        <translation>尾箱清点</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>select a voucher</source>
        <translation>选择一张凭证</translation>
    </message>
    <message>
        <source>voucher number</source>
        <translation>凭证序号</translation>
    </message>
    <message>
        <source>name the error</source>
        <translation>指出差错</translation>
    </message>
    <message>
        <source>clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>作答</translation>
    </message>
    <message>
        <source>All days answered.</source>
        <translation>所有日期已作答。</translation>
    </message>
    <message>
        <source>Day %1 of %2</source>
        <translation>第 %1 天，共 %2 天</translation>
    </message>
    <message>
        <source>Day %1</source>
        <translation>第 %1 天</translation>
    </message>
    <message>
        <source>%1 over</source>
        <translation>长款 %1</translation>
    </message>
    <message>
        <source>%1 short</source>
        <translation>短款 %1</translation>
    </message>
    <message>
        <source>Day %1: right — voucher %2, %3.</source>
        <translation>第 %1 天：正确——凭证 %2，%3。</translation>
    </message>
    <message>
        <source>Day %1: it was voucher %2, %3 (you said voucher %4, %5).</source>
        <translation>第 %1 天：应为传票 %2，%3（你答的是传票 %4，%5）。</translation>
    </message>
</context>
<context>
    <name>DrawerResult</name>
    <message>
        <source>Drawer reported</source>
        <translation>上报长短款</translation>
    </message>
</context>
<context>
    <name>DrillKinds</name>
    <message>
        <source>Counter procedures</source>
        <translation>柜面业务流程</translation>
    </message>
    <message>
        <source>cases/hour</source>
        <translation>笔/小时</translation>
    </message>
    <message>
        <source>Text entry (copy typing)</source>
        <translation>汉字录入（看打）</translation>
    </message>
    <message>
        <source>gross CPM</source>
        <translation>字/分钟（未扣错）</translation>
    </message>
</context>
<context>
    <name>DrillScreen</name>
    <message>
        <source>&amp;Pause (F5)</source>
        <translation>暂停(&amp;P)（F5）</translation>
    </message>
    <message>
        <source>&amp;Restart (Ctrl+R)</source>
        <translation>重新开始(&amp;R)（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;Stop (Esc)</source>
        <translation>停止(&amp;S)（Esc）</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Start again on new content? What you typed in this run is discarded.</source>
        <translation>换新题目重新开始？本次已录入的内容将被放弃。</translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation>继续作答</translation>
    </message>
    <message>
        <source>Stop the test</source>
        <translation>停止测验</translation>
    </message>
    <message>
        <source>Stop the test before its end? It is saved as incomplete: not graded and not counted in your results. Keep going to finish it.</source>
        <translation>现在结束测验？本次测验将保存为未完成：不评定等级，也不计入您的成绩。选择“继续作答”可完成测验。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Saving your result…</source>
        <translation>正在保存你的成绩…</translation>
    </message>
    <message>
        <source>Time left %1</source>
        <translation>剩余时间 %1</translation>
    </message>
    <message>
        <source>Time %1</source>
        <translation>用时 %1</translation>
    </message>
    <message>
        <source>Errors %1</source>
        <translation>差错 %1</translation>
    </message>
    <message>
        <source>Start when you are ready: the clock starts at your first key.</source>
        <translation>准备好就开始：按下第一个键时开始计时。</translation>
    </message>
    <message>
        <source>The clock has stopped at %1 on this case, the most one case counts. Answer it to go on.</source>
        <translation>本题计时已停在 %1，这是一题最多计入的时间。请作答后继续。</translation>
    </message>
    <message>
        <source>The clock runs from the moment the case is shown.</source>
        <translation>从题目显示时起开始计时。</translation>
    </message>
    <message>
        <source>Paused — no key for 5 seconds. Carry on when ready.</source>
        <translation>已暂停——5 秒没有按键。准备好后继续。</translation>
    </message>
    <message>
        <source>Paused. Press F5 to carry on.</source>
        <translation>已暂停。按 F5 继续。</translation>
    </message>
    <message>
        <source>Correct the mistake with Backspace.</source>
        <translation>请用退格键改正错误。</translation>
    </message>
    <message>
        <source>&amp;Resume (F5)</source>
        <translation>继续(&amp;R)（F5）</translation>
    </message>
</context>
<context>
    <name>EmployeeDialog</name>
    <message>
        <source>Progress: %1 (%2)</source>
        <translation>进度：%1（%2）</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>Fingers</name>
    <message>
        <source>thumb</source>
        <translation>拇指</translation>
    </message>
    <message>
        <source>index finger</source>
        <translation>食指</translation>
    </message>
    <message>
        <source>middle finger</source>
        <translation>中指</translation>
    </message>
    <message>
        <source>ring finger</source>
        <translation>无名指</translation>
    </message>
    <message>
        <source>little finger</source>
        <translation>小指</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <source>Signing in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Find your name or employee number, type your PIN and press Enter. Every 5 wrong PINs in a row lock the profile, for 5 minutes at first and twice as long each time after; an administrator can reset the PIN.</source>
        <translation>查找你的姓名或工号，输入密码后按 Enter。每连续输错 5 次密码，该用户即被锁定：第一次锁定 5 分钟，此后每次锁定时间加倍；管理员可以重置密码。</translation>
    </message>
    <message>
        <source>My assignments</source>
        <translation>我的任务</translation>
    </message>
    <message>
        <source>What your trainer asked you to practise, with the target and the due date. Select one and press Enter to start it. An assignment is done when one attempt meets every target.</source>
        <translation>培训师布置给你的练习，包括目标和截止日期。选中一项后按 Enter 开始。某一次成绩达到全部目标，任务即完成。</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Choose a drill or a customer scenario on the left. Practice (Enter) gives hints and may be paused; the test (Ctrl+T) is the same for everyone, is timed and counts towards your baseline and gain.</source>
        <translation>在左侧选择训练项目或客户情景。练习（Enter）有提示，可以暂停；测验（Ctrl+T）人人题目相同、计时，计入你的基线和提升。</translation>
    </message>
    <message>
        <source>My progress</source>
        <translation>我的进度</translation>
    </message>
    <message>
        <source>Your baseline is the median of your first 3 tests of a drill; your latest level the median of your last 3. The gain is the difference. Practice runs are drawn too but never set the baseline.</source>
        <translation>基线是你某个项目前 3 次测验的中位数，最新水平是最近 3 次测验的中位数，两者之差就是提升。练习成绩也会画在图上，但不计入基线。</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>培训师</translation>
    </message>
    <message>
        <source>Assign drills and scenarios to people or whole teams (Ctrl+N), follow each person&apos;s attempts on the Roster, import content packs, and log hand counts done with practice notes.</source>
        <translation>给个人或整个团队分配训练项目和情景（Ctrl+N），在“名单”中查看每个人的成绩记录，导入内容包，登记用练功券完成的手工点钞。</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>The dashboard opens on the branch summary: each core skill, its English and Chinese packs together, with the median gain over baseline, people tested, people idle for 14 days (no practice: urge them) and people with no progress (under 2 % gain in 4 weeks: coach them). Click a skill to see each employee&apos;s gain on it (Alt+Left goes back). Customer time turns the gains into customer-minutes saved a day.</source>
        <translation>仪表板首先显示网点概览：每项核心技能（中文版、英文版合并统计）相对基线提升的中位数、已测试人数、14天未练习人数（需督促练习）和提升停滞人数（近4周提升不足2%，需安排辅导）。单击某项技能可查看每名员工在该技能上的提升（Alt+左方向键返回）。“客户时间”把提升折算成每天减少的客户等候分钟数。</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Compare the branches of your regions on one skill: how many tellers were tested, and the median baseline, latest level and gain over baseline of each branch. Only whole branches are shown, never a person&apos;s results, and nothing here changes any branch&apos;s data.</source>
        <translation>按同一项技能对比您所负责区域内的各个网点：每个网点有多少柜员参加了测验，以及基线、最新水平和比基线提升的中位数。这里只显示整个网点的数字，不显示任何人的个人成绩，也不会改动任何网点的数据。</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>Add people and give them roles, group them in teams, reset PINs, check and back up the database. Every change is kept in the audit log.</source>
        <translation>添加人员并分配角色、编组团队、重置密码、检查和备份数据库。每项变更都记入审计日志。</translation>
    </message>
    <message>
        <source>Ten-key amounts and data entry</source>
        <translation>小键盘金额录入和客户资料录入</translation>
    </message>
    <message>
        <source>Speed is net keystrokes per hour: right keystrokes only, over the time you were keying (a pause longer than 5 s counts as 5 s). Accuracy is the share of right keystrokes.</source>
        <translation>速度为每小时净击键数：只计正确的击键，按实际录入时间计算（停顿超过 5 秒按 5 秒计）。准确率为正确击键所占比例。</translation>
    </message>
    <message>
        <source>Voucher summing (传票算)</source>
        <translation>传票算</translation>
    </message>
    <message>
        <source>Each right group total scores 20 points, a wrong one 0. When time runs out, the unfinished group scores 1 point per right amount up to the first wrong one.</source>
        <translation>每题合计正确得 20 分，错误得 0 分。时间到时尚未交出的一题，从起始页算起到第一笔错误为止，每笔正确的金额得 1 分。</translation>
    </message>
    <message>
        <source>Cash counting (点钞)</source>
        <translation>点钞</translation>
    </message>
    <message>
        <source>Count each bundle, flag unfit and counterfeit notes, report the counts. A missed defect voids its bundle, and a void bundle&apos;s notes are not credited.</source>
        <translation>清点每把钞票，挑出残损币和假币，报出张数。漏检一张问题钞票即整把作废，作废钞把的张数不计入成绩。</translation>
    </message>
    <message>
        <source>Amounts in words (大写金额)</source>
        <translation>大写金额</translation>
    </message>
    <message>
        <source>An answer is right only in the standard writing (壹贰叁, 拾佰仟, 整 and 零 where the rules put them); the result names the rule you broke most.</source>
        <translation>只有按规范书写才算正确（壹贰叁、拾佰仟，“整”和“零”按规定的位置书写）；成绩页会指出你最常违反的规则。</translation>
    </message>
    <message>
        <source>Making change and drawer balancing</source>
        <translation>找零和尾箱轧账</translation>
    </message>
    <message>
        <source>Change must be the right amount in the fewest pieces, counted up from the price. Drawer balancing asks which voucher explains the difference and what the error was: 60 points for the right voucher, 40 for the right error (the pack may weigh them otherwise).</source>
        <translation>找零按唱收唱付办理：先唱收、后唱付，付出总额要正确，客户指定的面额和张数要照办；张数不求最少，付出次序不限（内容包可另行规定）。尾箱轧账要找出造成差额的凭证并指出差错类型：凭证找对得 60 分，差错类型判断正确得 40 分（内容包可另行规定分值）。</translation>
    </message>
    <message>
        <source>Grades</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Each drill&apos;s grade table (on its preview and result) gives the speed and accuracy each grade needs; a grade is reached when one attempt meets both.</source>
        <translation>每个训练项目的等级表（见预览和成绩页）列出各等级所需的速度和准确率；某一次成绩同时达到两项即达到该等级。</translation>
    </message>
    <message>
        <source>Service tiers of a scenario</source>
        <translation>情景的服务等级</translation>
    </message>
    <message>
        <source>Satisfaction service: the customer&apos;s reasonable needs met with no new annoyance. Comfort service: negative feelings eased and the service praised. Delight service: a need met that the customer had not thought of.</source>
        <translation>满意服务：满足客户的合理需求，不引起新的不满。舒适服务：化解负面情绪，客户称赞服务。惊喜服务：满足客户尚未想到的需求。</translation>
    </message>
    <message>
        <source>How drills are scored</source>
        <translation>训练项目如何计分</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Guide</source>
        <translation>使用指南</translation>
    </message>
</context>
<context>
    <name>HandCountDialog</name>
    <message>
        <source>Log a hand count</source>
        <translation>登记手工点钞</translation>
    </message>
</context>
<context>
    <name>HandCountForm</name>
    <message>
        <source>&amp;%1 minutes</source>
        <translation>%1 分钟(&amp;%)</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>ba&amp;nded (扎把)</source>
        <translation>已扎把(&amp;N)</translation>
    </message>
    <message>
        <source>s&amp;tamped or signed (盖章)</source>
        <translation>已盖章或签章(&amp;T)</translation>
    </message>
    <message>
        <source>optional: conditions, kind of practice notes…</source>
        <translation>可选：条件、练功券种类…</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>人员(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Day counted</source>
        <translation>点钞日期(&amp;D)</translation>
    </message>
    <message>
        <source>Counting time</source>
        <translation>点钞时长</translation>
    </message>
    <message>
        <source>&amp;Notes counted</source>
        <translation>点钞张数(&amp;N)</translation>
    </message>
    <message>
        <source>Defects p&amp;lanted</source>
        <translation>预置问题钞票(&amp;L)</translation>
    </message>
    <message>
        <source>Defects &amp;found</source>
        <translation>找出问题钞票(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Banding penalties</source>
        <translation>扎把扣分(&amp;B)</translation>
    </message>
    <message>
        <source>Counting &amp;method</source>
        <translation>点钞方法(&amp;M)</translation>
    </message>
    <message>
        <source>Each bundle</source>
        <translation>每把</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+S)</source>
        <translation>保存(&amp;S)（Ctrl+S）</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>张数</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>计入张数</translation>
    </message>
    <message>
        <source>Notes/min</source>
        <translation>张/分钟</translation>
    </message>
    <message>
        <source>Defects</source>
        <translation>问题钞票</translation>
    </message>
    <message>
        <source>Banding</source>
        <translation>扎把</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>点钞方法</translation>
    </message>
    <message>
        <source>Banded, stamped</source>
        <translation>扎把、盖章</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Log a hand count</source>
        <translation>登记手工点钞</translation>
    </message>
    <message>
        <source>Record a count done by hand with practice notes. It appears in the person&apos;s progress with the on-screen cash counting (notes per minute). Net notes = notes counted − 100 per missed defect − 20 per banding penalty.</source>
        <translation>登记一次用练功券完成的手工点钞。它与屏幕点钞（张/分钟）一起显示在该员工的进度中。计入张数 = 点钞张数 − 每张漏检问题钞票 100 − 每次扎把扣分 20。</translation>
    </message>
    <message>
        <source>Latest hand counts</source>
        <translation>最近的手工点钞</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Choose the person who counted.</source>
        <translation>请选择点钞人员。</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Give the day of the count.</source>
        <translation>请填写点钞日期。</translation>
    </message>
    <message>
        <source>Choose 3 or 5 minutes.</source>
        <translation>请选择 3 分钟或 5 分钟。</translation>
    </message>
    <message>
        <source>A whole number from %1 to %2.</source>
        <translation>%1 到 %2 之间的整数。</translation>
    </message>
    <message>
        <source>More defects found than were planted.</source>
        <translation>找出的问题钞票多于预置数量。</translation>
    </message>
    <message>
        <source>The day cannot be after today.</source>
        <translation>日期不能晚于今天。</translation>
    </message>
    <message>
        <source>Saved: %1, %2, %3 min — %4 notes/min.</source>
        <translation>已保存：%1，%2，%3 分钟——每分钟 %4 张。</translation>
    </message>
    <message>
        <source>Not saved: correct the marked fields.</source>
        <translation>未保存：请修改标出的栏目。</translation>
    </message>
    <message>
        <source>single note, one finger (单指单张)</source>
        <translation>单指单张</translation>
    </message>
    <message>
        <source>several notes a stroke (多指多张)</source>
        <translation>多指多张</translation>
    </message>
    <message>
        <source>fanned (扇面)</source>
        <translation>扇面式</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>IntegrityTab</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Drill</source>
        <translation>训练项目</translation>
    </message>
    <message>
        <source>Stored → replayed</source>
        <translation>存储值 → 重放值</translation>
    </message>
    <message>
        <source> latest attempts</source>
        <translation> 条最近记录</translation>
    </message>
    <message>
        <source>&amp;Check now</source>
        <translation>立即检查(&amp;C)</translation>
    </message>
    <message>
        <source>Replays results from their key and decision logs and lists any that do not match what is stored.</source>
        <translation>根据按键和决策日志重放成绩，列出与存储结果不符的记录。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>%1 of the latest %2 attempts do not match their logs: check them.</source>
        <translation>最近 %2 条成绩记录中有 %1 条与日志不符：请核查。</translation>
    </message>
    <message>
        <source>All %1 attempts checked match their logs.</source>
        <translation>已检查的 %1 条成绩记录均与日志相符。</translation>
    </message>
</context>
<context>
    <name>InterruptedAttemptDialog</name>
    <message>
        <source>An attempt was interrupted</source>
        <translation>有一次训练被中断</translation>
    </message>
    <message>
        <source>Your %1 attempt at “%2” was interrupted (last saved %3).</source>
        <translation>你在“%2”上的一次%1被中断（最后保存于 %3）。</translation>
    </message>
    <message numerus="yes">
        <source>Keep it: it is scored from the %n key(s) saved, as if you had stopped there. Or discard it.</source>
        <translation>
            <numerusform>保留：按已保存的 %n 次按键计分，视同你在那里停止。或者放弃。</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep the attempt</source>
        <translation>保留这次记录</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>以后再说</translation>
    </message>
</context>
<context>
    <name>Leaderboard</name>
    <message>
        <source>&amp;Standings:</source>
        <translation>排名(&amp;S)：</translation>
    </message>
    <message>
        <source>Teams by mean points per contestant (everyone who sat a drill counts; teams level on the mean share a rank). The waiting time saved is shown for reference and does not count.</source>
        <translation>团体排名按参赛选手平均得分（凡参加过比赛项目的选手均计入；平均分相同者名次并列）。减少的客户等候时间仅供参考，不计入比赛成绩。</translation>
    </message>
    <message>
        <source>My results</source>
        <translation>我的成绩</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Results are published when the contest closes</source>
        <translation>成绩将在比赛结束后公布</translation>
    </message>
    <message>
        <source>Final: locked when the contest closed</source>
        <translation>最终成绩：比赛结束时已锁定</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Contestants</source>
        <translation>参赛人数</translation>
    </message>
    <message>
        <source>Mean points</source>
        <translation>平均得分</translation>
    </message>
    <message>
        <source>Waiting time saved (reference)</source>
        <translation>减少的客户等候时间（仅供参考）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>not sat yet</source>
        <translation>尚未参加</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>成绩</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Drill</source>
        <translation>项目</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>svctrainer</source>
        <translation>svctrainer</translation>
    </message>
    <message>
        <source>Practise basic skills to cut customer waiting time, and serve every customer well.</source>
        <translation>苦练基本功，缩短客户等候时间，服务好每一位客户。</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>Satisfaction service: the customer&apos;s reasonable needs met, no new annoyance.
Comfort service: negative feelings eased, a word of praise won.
Delight service: needs met that the customer had not yet thought of.</source>
        <translation>满意服务：满足客户的合理需求，不引起新的不满。
舒适服务：化解负面情绪，赢得一句称赞。
惊喜服务：满足客户尚未想到的需求。</translation>
    </message>
    <message>
        <source>Find your name or employee number</source>
        <translation>查找你的姓名或工号</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Who is practising?</source>
        <translation>谁来练习？(&amp;W)</translation>
    </message>
    <message>
        <source>This workstation signs in people of %1 only. Working at another branch today? Use a workstation of your own branch.</source>
        <translation>本工作站只登录 %1 的人员。今天在其他网点工作？请使用本网点的工作站。</translation>
    </message>
    <message>
        <source>No profile matches that search.</source>
        <translation>没有匹配的用户。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>svctrainer</source>
        <translation>svctrainer</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Change my &amp;PIN…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Log a &amp;hand count…</source>
        <translation>登记手工点钞(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Guide to this page</source>
        <translation>本页使用指南(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;About svctrainer</source>
        <translation>关于 svctrainer(&amp;A)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>已登录：%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>Signed out after %n minute(s) without use.</source>
        <translation>
            <numerusform>因 %n 分钟无操作，已自动退出登录。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
</context>
<context>
    <name>MakingChangeView</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>应缴金额</translation>
    </message>
    <message>
        <source>Hands over</source>
        <translation>客户交来</translation>
    </message>
    <message>
        <source>What you pay out (any order)</source>
        <translation>付给客户的票币（顺序不限）</translation>
    </message>
    <message>
        <source>Your change, counted up from the price</source>
        <translation>你的找零（从应付金额往上数）</translation>
    </message>
    <message>
        <source>Counted up to</source>
        <translation>已数到</translation>
    </message>
    <message>
        <source>Drawer (click a piece or press its key)</source>
        <translation>钱箱（点击票币或按对应键）</translation>
    </message>
    <message>
        <source>a piece</source>
        <translation>一张/枚票币</translation>
    </message>
    <message>
        <source>take the last piece back</source>
        <translation>收回最后一张/枚</translation>
    </message>
    <message>
        <source>hand the change over</source>
        <translation>交付找零</translation>
    </message>
    <message>
        <source>the amount said (received, then paid)</source>
        <translation>唱出的金额（先唱收，后唱付）</translation>
    </message>
    <message>
        <source>take back the last piece or digit</source>
        <translation>收回最后一张/枚票币或删去最后一位数字</translation>
    </message>
    <message>
        <source>say the amount; after the pieces: pay</source>
        <translation>唱出金额；配好票币后：付款</translation>
    </message>
    <message numerus="yes">
        <source>Change so far: %1 in %n piece(s)</source>
        <translation>
            <numerusform>已找零：%1，共 %n 张/枚</numerusform>
        </translation>
    </message>
    <message>
        <source>Customer %1 of %2</source>
        <translation>第 %1 位客户，共 %2 位</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>第 %1 位客户</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>取款</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>兑零</translation>
    </message>
    <message>
        <source>Hint: change due %1 — fewest pieces: %2</source>
        <translation>提示：应找 %1——最少张数：%2</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Asks for %1 of it, the rest as you see fit</source>
        <translation>要求其中配 %1，其余由你配款</translation>
    </message>
    <message>
        <source>Asks to change it into small notes: %1</source>
        <translation>要求兑零：%1</translation>
    </message>
    <message>
        <source>Say what you received: %1</source>
        <translation>唱收：%1</translation>
    </message>
    <message>
        <source>Received: %1. </source>
        <translation>唱收 %1。</translation>
    </message>
    <message>
        <source>Say what you pay: %1</source>
        <translation>唱付：%1</translation>
    </message>
    <message>
        <source>Take the notes from the drawer, then Enter to pay</source>
        <translation>从钱箱配好票币，再按 Enter 付款</translation>
    </message>
    <message numerus="yes">
        <source>Customer %1: right change, %n piece(s).</source>
        <translation>
            <numerusform>第 %1 位客户：找零正确，%n 张/枚。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Customer %1: %2. You gave %3 for %4 due (fewest: %n piece(s)).</source>
        <translation>
            <numerusform>第 %1 位客户：%2。应找 %4，你找了 %3（最少：%n 张/枚）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MixEditor</name>
    <message>
        <source>Transaction type</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <source>Share %</source>
        <translation>占比 %</translation>
    </message>
    <message>
        <source>Keystrokes</source>
        <translation>击键次数</translation>
    </message>
    <message>
        <source>Notes counted</source>
        <translation>点钞张数</translation>
    </message>
    <message>
        <source>Other seconds</source>
        <translation>其他秒数</translation>
    </message>
    <message>
        <source>Add &amp;type</source>
        <translation>添加类型(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Remove type</source>
        <translation>删除类型(&amp;R)</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>窗口数</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>Add &amp;hour</source>
        <translation>添加时段(&amp;H)</translation>
    </message>
    <message>
        <source>Remove h&amp;our</source>
        <translation>删除时段(&amp;O)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>恢复默认值(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>These figures turn speed gains into customer time. Defaults are assumptions: replace them with your branch&apos;s own counts, and import your queue-ticket export, which then takes the place of the assumed profile.</source>
        <translation>这些数字把速度提升换算成客户时间。默认值只是假设：请换成本网点自己的统计，并导入排队叫号系统的导出数据，导入后将取代假定的到店规律。</translation>
    </message>
    <message>
        <source>Only supervisors and admins may change the branch&apos;s mix and assumptions.</source>
        <translation>只有主管和管理员可以修改网点的业务构成和假设。</translation>
    </message>
    <message>
        <source>Transaction mix</source>
        <translation>业务构成</translation>
    </message>
    <message>
        <source>&amp;Transactions per teller per day</source>
        <translation>每名柜员每天业务笔数(&amp;T)</translation>
    </message>
    <message>
        <source>Assumed arrival profile (without queue data)</source>
        <translation>假定的到店规律（无排队数据时）</translation>
    </message>
    <message>
        <source>Target and variability</source>
        <translation>目标和变异度</translation>
    </message>
    <message>
        <source>Target: called &amp;within</source>
        <translation>目标：叫号等候不超过(&amp;W)</translation>
    </message>
    <message>
        <source>… for a &amp;share of</source>
        <translation>… 覆盖客户比例(&amp;S)</translation>
    </message>
    <message>
        <source>Arrivals&apos; &amp;CV (1: random)</source>
        <translation>到店变异系数(&amp;C)（1：随机）</translation>
    </message>
    <message>
        <source>Service time&apos;s C&amp;V</source>
        <translation>办理时间变异系数(&amp;V)</translation>
    </message>
    <message>
        <source>Transfer to the counter</source>
        <translation>折算到柜面</translation>
    </message>
    <message>
        <source>Keying drills</source>
        <translation>录入类训练</translation>
    </message>
    <message>
        <source>Cash-counting drill</source>
        <translation>点钞训练</translation>
    </message>
    <message>
        <source>Logged hand counts</source>
        <translation>登记的手工点钞</translation>
    </message>
    <message>
        <source>Shares: not a number</source>
        <translation>占比：不是数字</translation>
    </message>
    <message>
        <source>Shares add up to %1 %</source>
        <translation>占比合计为 %1 %</translation>
    </message>
    <message>
        <source>%1 customers a day</source>
        <translation>每天 %1 位客户</translation>
    </message>
    <message>
        <source>Profile: not a number</source>
        <translation>到店规律：不是数字</translation>
    </message>
    <message>
        <source>windows are whole numbers</source>
        <translation>窗口数须为整数</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>NewContestDialog</name>
    <message>
        <source>New contest</source>
        <translation>新建比赛</translation>
    </message>
    <message>
        <source>e.g. Winter skills cup 2026</source>
        <translation>例如：2026 年冬季业务技能比赛</translation>
    </message>
    <message>
        <source>%1 (weight %2)</source>
        <translation>%1（权重 %2）</translation>
    </message>
    <message>
        <source>one attempt</source>
        <translation>一次</translation>
    </message>
    <message>
        <source> (best counts)</source>
        <translation> 次（取最好成绩）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Attempts per drill:</source>
        <translation>每项次数(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Window after the start:</source>
        <translation>开赛后比赛时间(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Countdown before it:</source>
        <translation>开赛前倒计时(&amp;C)：</translation>
    </message>
    <message>
        <source>Show the live standings to everyone (a show event)</source>
        <translation>现场公布实时排名（展示性比赛）</translation>
    </message>
    <message>
        <source>Otherwise contestants see only their own results until the contest is closed; trainers and supervisors always see the full standings.</source>
        <translation>不勾选时，比赛结束前选手只能看到本人成绩；培训师和主管始终可以看到完整排名。</translation>
    </message>
    <message>
        <source>Every contestant sits the same form of each drill, in test mode. The contest is announced at once; you start it for the room when everyone is seated.</source>
        <translation>每个项目全体选手做同一套试题（测验模式）。比赛创建后立即公布；选手全部就位后，由您为全场开赛。</translation>
    </message>
    <message>
        <source>Create and announce</source>
        <translation>创建并公布</translation>
    </message>
    <message>
        <source>&amp;Drills (test mode):</source>
        <translation>比赛项目（测验模式）(&amp;D)：</translation>
    </message>
    <message>
        <source>Give the contest a name.</source>
        <translation>请填写比赛名称。</translation>
    </message>
    <message>
        <source>Choose at least one drill.</source>
        <translation>请至少选择一个项目。</translation>
    </message>
</context>
<context>
    <name>OpenFailureDialog</name>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>You can restore the newest good backup (%1). The current file will be kept beside it, renamed, so nothing is lost.</source>
        <translation>可以恢复最新的完好备份（%1）。当前文件会改名保留在旁边，不会丢失任何数据。</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>No backup was found. Ask your administrator; the file was not changed.</source>
        <translation>未找到备份。请联系管理员；文件未被改动。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Filter by name, number, team or role</source>
        <translation>按姓名、工号、团队或角色筛选</translation>
    </message>
    <message>
        <source>&amp;Add person…</source>
        <translation>添加人员(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Reset &amp;PIN…</source>
        <translation>重置密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source> digits</source>
        <translation> 位数字</translation>
    </message>
    <message>
        <source>Applies to every PIN set from now on; existing PINs keep working until they are changed. 6 or more digits make a stolen database far harder to use.</source>
        <translation>对此后设置的所有密码生效；现有密码在修改前仍可使用。6 位或以上的密码可使被盗的数据库难以破解。</translation>
    </message>
    <message>
        <source>Appl&amp;y</source>
        <translation>应用(&amp;Y)</translation>
    </message>
    <message>
        <source>New PINs must have at least</source>
        <translation>新密码至少需要</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked until a PIN reset</source>
        <translation>已锁定，待重置密码</translation>
    </message>
    <message>
        <source>locked (wrong PINs)</source>
        <translation>已锁定（密码错误）</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>&amp;Activate</source>
        <translation>启用(&amp;A)</translation>
    </message>
    <message>
        <source>Deactivate profile</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>Deactivate %1? They can no longer sign in. Their results stay in the records and charts, and you can activate the profile again at any time.</source>
        <translation>停用 %1？其将无法再登录。成绩仍保留在记录和图表中，你可以随时重新启用该用户。</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Add person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>编辑人员</translation>
    </message>
    <message>
        <source>(no team)</source>
        <translation>（无团队）</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Employee number</source>
        <translation>工号(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>团队(&amp;T)</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>First &amp;PIN</source>
        <translation>初始密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Repeat PIN</source>
        <translation>再次输入密码(&amp;R)</translation>
    </message>
    <message>
        <source>Name and employee number are required.</source>
        <translation>姓名和工号为必填项。</translation>
    </message>
    <message>
        <source>Choose at least one role.</source>
        <translation>请至少选择一个角色。</translation>
    </message>
    <message>
        <source>A PIN is 4 to 12 digits.</source>
        <translation>密码为 4 到 12 位数字。</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>PersonProgressView</name>
    <message>
        <source>&amp;Drill</source>
        <translation>训练项目(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>导出 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Time per &amp;key</source>
        <translation>每键用时(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Errors per key</source>
        <translation>每键差错(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Speed and accuracy</source>
        <translation>速度和准确率(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Keys over time</source>
        <translation>按键随时间变化(&amp;K)</translation>
    </message>
    <message>
        <source>Service &amp;tiers</source>
        <translation>服务等级(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Customer time</source>
        <translation>客户时间(&amp;C)</translation>
    </message>
    <message>
        <source>Attempts: %1</source>
        <translation>成绩记录：%1</translation>
    </message>
    <message>
        <source>No attempts yet</source>
        <translation>尚无成绩记录</translation>
    </message>
    <message>
        <source>Practise a drill and take its test: your charts appear here.</source>
        <translation>练习一个项目并参加测验：你的图表会显示在这里。</translation>
    </message>
    <message>
        <source>Baseline %1 %2 (median of the first 3 tests)</source>
        <translation>基线 %1 %2（前 3 次测验的中位数）</translation>
    </message>
    <message>
        <source>latest %1 (median of the last 3 tests)</source>
        <translation>最新 %1（最近 3 次测验的中位数）</translation>
    </message>
    <message>
        <source>%1 tests, %2 attempts</source>
        <translation>%1 次测验，%2 条成绩记录</translation>
    </message>
    <message>
        <source>%1 of %2 points drawn</source>
        <translation>已绘制 %2 个点中的 %1 个</translation>
    </message>
    <message>
        <source>Export progress report</source>
        <translation>导出进度报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>PinField</name>
    <message>
        <source>4 to 12 digits</source>
        <translation>4 到 12 位数字</translation>
    </message>
</context>
<context>
    <name>PinResetDialog</name>
    <message>
        <source>Reset PIN</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Set a new PIN for %1. This also lifts a lockout and is recorded in the audit log.</source>
        <translation>为 %1 设置新密码。此操作同时解除锁定，并记入审计日志。</translation>
    </message>
    <message>
        <source>&amp;New PIN</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Repeat PIN</source>
        <translation>再次输入密码(&amp;R)</translation>
    </message>
    <message>
        <source>A PIN is 4 to 12 digits.</source>
        <translation>密码为 4 到 12 位数字。</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>PracticePage</name>
    <message>
        <source>Find a drill</source>
        <translation>查找训练项目</translation>
    </message>
    <message>
        <source>All languages</source>
        <translation>全部语言</translation>
    </message>
    <message>
        <source>Choose a drill or a customer scenario on the left to read what it asks, then start practice (Enter) or take the test (Ctrl+T).</source>
        <translation>在左侧选择一个训练项目或客户情景，阅读要求后开始练习（Enter）或参加测验（Ctrl+T）。</translation>
    </message>
    <message>
        <source>Start &amp;practice</source>
        <translation>开始练习(&amp;P)</translation>
    </message>
    <message>
        <source>Take the t&amp;est</source>
        <translation>参加测验(&amp;E)</translation>
    </message>
    <message>
        <source>Customer scenarios</source>
        <translation>客户情景</translation>
    </message>
    <message numerus="yes">
        <source>Tests left under your trainer&apos;s limit: %n</source>
        <translation>
            <numerusform>培训师限定的测验次数还剩 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 in %3 days)</source>
        <translation>%1（%3 天内限 %2 次）</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 题</numerusform>
        </translation>
    </message>
    <message>
        <source>Practice: %1</source>
        <translation>练习：%1</translation>
    </message>
    <message>
        <source>Test: %1</source>
        <translation>测验：%1</translation>
    </message>
    <message>
        <source>one fixed form for everyone</source>
        <translation>所有人同一套固定试卷</translation>
    </message>
    <message>
        <source>Could not save a checkpoint: %1</source>
        <translation>无法保存断点：%1</translation>
    </message>
</context>
<context>
    <name>ProcedureDrill</name>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>遗漏</translation>
    </message>
    <message>
        <source>out of order</source>
        <translation>顺序错误</translation>
    </message>
    <message>
        <source>wrong words</source>
        <translation>用语不当</translation>
    </message>
    <message>
        <source>The customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Steps on the counter (press a letter for the next step)</source>
        <translation>柜面操作步骤（按字母键选择下一步）</translation>
    </message>
    <message>
        <source>Your procedure</source>
        <translation>你的操作流程</translation>
    </message>
    <message>
        <source>What do you say?</source>
        <translation>你怎么说？</translation>
    </message>
    <message>
        <source>Press Space to call the first customer.</source>
        <translation>按空格键叫第一位客户。</translation>
    </message>
    <message>
        <source>call the customer</source>
        <translation>叫号</translation>
    </message>
    <message>
        <source>take a step</source>
        <translation>执行一步</translation>
    </message>
    <message>
        <source>choose the words</source>
        <translation>选择用语</translation>
    </message>
    <message>
        <source>take back</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>hand in</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Customer %1 of %2</source>
        <translation>第 %1 位客户，共 %2 位</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>第 %1 位客户</translation>
    </message>
    <message>
        <source>All customers served.</source>
        <translation>所有客户已办理完毕。</translation>
    </message>
    <message>
        <source>No step taken yet.</source>
        <translation>尚未执行任何步骤。</translation>
    </message>
    <message>
        <source>Step: %1 (Backspace takes it back)</source>
        <translation>步骤：%1（按退格键撤回）</translation>
    </message>
    <message>
        <source>Customer %1 (%2): every step right, 100 points.</source>
        <translation>第 %1 位客户（%2）：每一步都正确，得 100 分。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%n wrong card(s) taken</source>
        <translation>选错卡片 %n 次</translation>
    </message>
    <message>
        <source>Customer %1 (%2): %3 points.</source>
        <translation>第 %1 位客户（%2）：得 %3 分。</translation>
    </message>
    <message>
        <source>A compliance point was missed: the case scores 0.</source>
        <translation>遗漏了合规要点：本笔业务得 0 分。</translation>
    </message>
</context>
<context>
    <name>ProcedureResult</name>
    <message>
        <source>Customers served</source>
        <translation>已办理客户</translation>
    </message>
    <message>
        <source>%1 of %2 steps right: %3 missing, %4 out of order, %5 with the wrong words; %6 wrong card(s) taken; %7 compliance breach(es).</source>
        <translation>%2 个步骤中 %1 个正确：遗漏 %3 个，顺序错误 %4 个，用语不当 %5 个；选错卡片 %6 次；违反合规要求 %7 次。</translation>
    </message>
    <message>
        <source>breach</source>
        <translation>违规</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>遗漏</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>顺序错误</translation>
    </message>
    <message>
        <source>Wrong words</source>
        <translation>用语不当</translation>
    </message>
    <message>
        <source>Wrong cards</source>
        <translation>选错卡片</translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>The standard order beside yours (⚑ a compliance point):</source>
        <translation>规范顺序与你的顺序对照（⚑ 为合规要点）：</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>(your step %1)</source>
        <translation>（你的第 %1 步）</translation>
    </message>
    <message>
        <source>not part of the procedure</source>
        <translation>不属于本流程</translation>
    </message>
    <message>
        <source>wrong words</source>
        <translation>用语不当</translation>
    </message>
    <message>
        <source>Standard order</source>
        <translation>规范顺序</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Your order</source>
        <translation>你的顺序</translation>
    </message>
    <message>
        <source>%n step(s) wrong</source>
        <translation>%n 步错误</translation>
    </message>
</context>
<context>
    <name>QueueComparisonView</name>
    <message>
        <source> weeks</source>
        <translation> 周</translation>
    </message>
    <message>
        <source>Training &amp;from</source>
        <translation>培训开始(&amp;F)</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>至(&amp;O)</translation>
    </message>
    <message>
        <source>compare &amp;the</source>
        <translation>比较(&amp;T)</translation>
    </message>
    <message>
        <source>before and after</source>
        <translation>前后</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Before: %1 to %2. After: %3 to %4.</source>
        <translation>之前：%1 至 %2。之后：%3 至 %4。</translation>
    </message>
    <message>
        <source>Import queue data covering both periods to compare them.</source>
        <translation>请导入覆盖这两个时段的排队数据以便比较。</translation>
    </message>
    <message>
        <source>Measured from the branch&apos;s queue tickets.</source>
        <translation>依据网点的排队号票实测。</translation>
    </message>
    <message>
        <source>Days with tickets</source>
        <translation>有号票的天数</translation>
    </message>
    <message>
        <source>Customers served a day</source>
        <translation>每天接待客户数</translation>
    </message>
    <message>
        <source>Windows calling (mean over hours)</source>
        <translation>叫号窗口数（各时段平均）</translation>
    </message>
    <message>
        <source>Mean service time, start to finish (s)</source>
        <translation>平均办理时间，从开始到办结（秒）</translation>
    </message>
    <message>
        <source>Mean wait (min)</source>
        <translation>平均等候（分钟）</translation>
    </message>
    <message>
        <source>Mean wait, queue model (min)</source>
        <translation>平均等候，排队模型（分钟）</translation>
    </message>
    <message>
        <source>Waiting over %1 min</source>
        <translation>等候超过 %1 分钟</translation>
    </message>
</context>
<context>
    <name>QueueDataTab</name>
    <message>
        <source>&amp;Import queue data…</source>
        <translation>导入排队数据(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Delete import…</source>
        <translation>删除导入(&amp;D)…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Tickets added</source>
        <translation>新增号票</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Imported by</source>
        <translation>导入人</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Served an hour</source>
        <translation>每小时接待</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>窗口数</translation>
    </message>
    <message>
        <source>Mean wait (min)</source>
        <translation>平均等候（分钟）</translation>
    </message>
    <message>
        <source>Mean service (s)</source>
        <translation>平均办理（秒）</translation>
    </message>
    <message>
        <source>Waiting over target</source>
        <translation>等候超过目标</translation>
    </message>
    <message>
        <source>No queue tickets for this period: the figures use the assumed profile.</source>
        <translation>本期无排队号票：数据采用假定的到店规律。</translation>
    </message>
    <message>
        <source>No queue data imported yet. Import your queue-ticket system&apos;s export to base the figures on what your branch measured.</source>
        <translation>尚未导入排队数据。导入排队叫号系统的导出文件，让数据以本网点的实测为准。</translation>
    </message>
    <message>
        <source>%1 to %2: %3 days, %4 tickets, %5 served, %6 no-shows, %7 walked away; mean wait %8 min, mean service %9 s.</source>
        <translation>%1 至 %2：%3 天，%4 张号票，办结 %5，过号 %6，离队 %7；平均等候 %8 分钟，平均办理 %9 秒。</translation>
    </message>
    <message>
        <source>Target: called within %1 min.</source>
        <translation>目标：%1 分钟内叫号。</translation>
    </message>
    <message>
        <source>Select the import to delete first.</source>
        <translation>请先选择要删除的导入。</translation>
    </message>
    <message>
        <source>Delete import</source>
        <translation>删除导入</translation>
    </message>
    <message>
        <source>Delete the %1 tickets imported from %2? They leave every queue figure; the file itself is not touched and can be imported again.</source>
        <translation>删除从 %2 导入的 %1 张号票？它们将从所有排队数据中移除；文件本身不受影响，可以重新导入。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>QueueImportDialog</name>
    <message>
        <source>Import queue data</source>
        <translation>导入排队数据</translation>
    </message>
    <message>
        <source>The CSV file your queue-ticket system exported</source>
        <translation>排队叫号系统导出的 CSV 文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Times are local to</source>
        <translation>时间所属时区(&amp;T)</translation>
    </message>
    <message>
        <source>One row per ticket: ticket, business_type, issued_at, called_at, service_start, service_end, window (the usual Chinese column names are recognised). A file with a bad row is not imported at all; tickets already imported are skipped.</source>
        <translation>每张号票一行：ticket、business_type、issued_at、called_at、service_start、service_end、window（也识别常用的中文列名）。文件中有一行错误则整个文件不导入；已导入的号票会被跳过。</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Queue-ticket export</source>
        <translation>排队号票导出</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt)</source>
        <translation>CSV 文件（*.csv *.txt）</translation>
    </message>
    <message>
        <source>Choose the file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Nothing new: all %1 tickets of this file were imported before.</source>
        <translation>没有新内容：此文件的全部 %1 张号票此前已导入。</translation>
    </message>
    <message>
        <source>Imported %1 tickets (%2 already known) for %3 to %4.</source>
        <translation>已导入 %1 张号票（%2 张已存在），日期 %3 至 %4。</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: the file has %n problem(s). Fix them (file:line:column below) and import again.</source>
        <translation>
            <numerusform>未导入任何内容：文件有 %n 处问题。请修正（见下方 文件:行:列）后重新导入。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported: the file&apos;s columns are not the documented ones.</source>
        <translation>未导入任何内容：文件的列与文档规定的不一致。</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 另有 %1 条</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Why? (kept in the audit log)</source>
        <translation>原因？（记入审计日志）</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
</context>
<context>
    <name>RegionPage</name>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 pp</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>Branches compared</source>
        <translation>网点对比</translation>
    </message>
    <message>
        <source>&amp;Refresh (F5)</source>
        <translation>刷新(&amp;R)（F5）</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>区域(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Skill:</source>
        <translation>技能(&amp;S)：</translation>
    </message>
    <message>
        <source>Medians over the people with a baseline (their first three tests) and a test after it. Only figures of whole branches are shown, never a person&apos;s.</source>
        <translation>中位数只统计已有基线（前三次测验）且之后还参加过测验的人员。这里只显示整个网点的数字，不显示任何人的个人成绩。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>All my regions</source>
        <translation>我负责的全部区域</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2 个网点）</translation>
    </message>
    <message>
        <source>You have not been given a region yet. Ask the server administrator.</source>
        <translation>您还没有分配负责的区域，请联系服务器管理员。</translation>
    </message>
    <message>
        <source>Comparing branches…</source>
        <translation>正在对比各网点…</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>网点</translation>
    </message>
    <message>
        <source>Tellers</source>
        <translation>柜员数</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>成绩记录数</translation>
    </message>
    <message>
        <source>Tested</source>
        <translation>参加测验</translation>
    </message>
    <message>
        <source>With a gain</source>
        <translation>有提升数据</translation>
    </message>
    <message>
        <source>Baseline (%1)</source>
        <translation>基线（%1）</translation>
    </message>
    <message>
        <source>Latest (%1)</source>
        <translation>最新水平（%1）</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>比基线提升</translation>
    </message>
    <message>
        <source>No branch to compare in this choice.</source>
        <translation>所选范围内没有可对比的网点。</translation>
    </message>
    <message>
        <source>%1: no branch has anyone with a baseline and a later test yet.</source>
        <translation>%1：还没有哪个网点有人既有基线、之后又参加过测验。</translation>
    </message>
    <message>
        <source>%1: %2 has the highest median gain, %3.</source>
        <translation>%1：%2 的提升中位数最高，为 %3。</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>Grade table</source>
        <translation>等级表</translation>
    </message>
    <message>
        <source>&amp;Again (Ctrl+R)</source>
        <translation>再来一次(&amp;A)（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;Back to drills (Esc)</source>
        <translation>返回训练项目(&amp;B)（Esc）</translation>
    </message>
    <message>
        <source>The details of this result cannot be read (%1).</source>
        <translation>无法读取这次成绩的详情（%1）。</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>差错</translation>
    </message>
    <message>
        <source>%1 corrected</source>
        <translation>已改正 %1</translation>
    </message>
    <message>
        <source>Consistency</source>
        <translation>稳定性</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>gross KPH</source>
        <translation>毛击键/小时</translation>
    </message>
    <message>
        <source>CPM / WPM</source>
        <translation>字/分钟 / 词/分钟</translation>
    </message>
    <message>
        <source>CPM</source>
        <translation>字/分钟</translation>
    </message>
    <message>
        <source>Kept as abandoned: the attempt was never finished, so it is not graded and not counted in any figure.</source>
        <translation>已按放弃保存：本次作答未结束，不评定等级，也不计入任何统计。</translation>
    </message>
    <message>
        <source>Saved as incomplete: stopped before the end, so it is not graded and not counted in any figure.</source>
        <translation>已保存为未完成：中途停止，不评定等级，也不计入任何统计。</translation>
    </message>
    <message>
        <source>it lasted under one second</source>
        <translation>用时不足一秒</translation>
    </message>
    <message>
        <source>it had fewer than 10 keystrokes</source>
        <translation>击键少于 10 次</translation>
    </message>
    <message>
        <source>Saved, but not counted in your charts: %1.</source>
        <translation>已保存，但不计入你的图表：%1。</translation>
    </message>
    <message>
        <source>Saved. Grade reached: %1.</source>
        <translation>已保存。达到等级：%1。</translation>
    </message>
    <message>
        <source>Saved. No grade reached yet — keep practising.</source>
        <translation>已保存。尚未达到等级——继续练习。</translation>
    </message>
    <message>
        <source>%1 vs previous</source>
        <translation>与上次相比 %1</translation>
    </message>
    <message>
        <source>best %1</source>
        <translation>最好 %1</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>What it means at the counter</source>
        <translation>对应的柜面操作水平</translation>
    </message>
    <message>
        <source>1,234.56 ⏎ in %1 s, %2 a minute</source>
        <translation>1,234.56 ⏎ %1 秒，%2 笔/分</translation>
    </message>
    <message>
        <source>≤ 1 wrong key in %1</source>
        <translation>每 %1 键错 ≤ 1</translation>
    </message>
    <message>
        <source>Per finger</source>
        <translation>各手指成绩</translation>
    </message>
    <message>
        <source>Where your time went (mean ms per key; hotter is slower)</source>
        <translation>时间花在哪里（每键平均毫秒；颜色越热越慢）</translation>
    </message>
    <message>
        <source>Accuracy per field</source>
        <translation>各栏准确率</translation>
    </message>
    <message>
        <source>Mistakes (expected → typed)</source>
        <translation>错误（应为 → 实录）</translation>
    </message>
    <message>
        <source>Finger</source>
        <translation>手指</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>正确键数</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>错误率</translation>
    </message>
    <message>
        <source>Mean ms</source>
        <translation>平均毫秒</translation>
    </message>
    <message>
        <source>Slowest keys: %1</source>
        <translation>最慢的键：%1</translation>
    </message>
    <message>
        <source>Keys to practise: %1</source>
        <translation>需要练习的键：%1</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>栏目</translation>
    </message>
    <message>
        <source>Exactly right</source>
        <translation>完全正确</translation>
    </message>
    <message>
        <source>Refused by the check</source>
        <translation>校验未通过</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>%n character(s)</source>
        <translation>%n 个字</translation>
    </message>
    <message>
        <source>Marking, as in a contest</source>
        <translation>按比赛规则评分</translation>
    </message>
    <message>
        <source>Net speed &lt;b&gt;%1 %2&lt;/b&gt;: correct characters minus %3 for each wrong, missing or extra character, per minute of the test.</source>
        <translation>净速度 &lt;b&gt;%1 %2&lt;/b&gt;：正确字数减去每个错字、漏字、多字各扣 %3 字，按测验时长折算为每分钟。</translation>
    </message>
    <message>
        <source>Correct characters</source>
        <translation>正确字数</translation>
    </message>
    <message>
        <source>Wrong characters</source>
        <translation>错字数</translation>
    </message>
    <message>
        <source>Missing characters</source>
        <translation>漏字数</translation>
    </message>
    <message>
        <source>Extra characters</source>
        <translation>多字数</translation>
    </message>
    <message>
        <source>Characters entered per minute (gross)</source>
        <translation>每分钟录入字数（未扣差错）</translation>
    </message>
    <message>
        <source>Corrections (Backspace)</source>
        <translation>改正次数（退格）</translation>
    </message>
    <message>
        <source>Passages finished</source>
        <translation>完成篇数</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Characters typed wrong (expected → typed)</source>
        <translation>录错的字（应为 → 实录）</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>篇号</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应为</translation>
    </message>
    <message>
        <source>Typed</source>
        <translation>实录</translation>
    </message>
</context>
<context>
    <name>RosterTab</name>
    <message>
        <source>Team and people</source>
        <translation>团队和人员</translation>
    </message>
    <message>
        <source>Last practice</source>
        <translation>最近练习</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Choose a person to see their attempts.</source>
        <translation>选择一名人员查看其成绩记录。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Drill or scenario</source>
        <translation>训练项目或情景</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>&amp;Invalidate result…</source>
        <translation>作废成绩(&amp;I)…</translation>
    </message>
    <message>
        <source>Take the chosen result out of charts and assignments, saying why</source>
        <translation>将所选成绩从图表和任务中剔除，并说明原因</translation>
    </message>
    <message>
        <source>invalidated: %1</source>
        <translation>已作废：%1</translation>
    </message>
    <message>
        <source>no (abandoned)</source>
        <translation>否（放弃）</translation>
    </message>
    <message>
        <source>no (incomplete)</source>
        <translation>否（未完成）</translation>
    </message>
    <message>
        <source>no (too short)</source>
        <translation>否（过短）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Attempts by %1</source>
        <translation>%1 的成绩记录</translation>
    </message>
    <message>
        <source>Invalidate result</source>
        <translation>作废成绩</translation>
    </message>
    <message>
        <source>Invalidate %1&apos;s result on “%2” (%3)? It stays on record but no longer counts in charts, baselines or assignments.</source>
        <translation>作废 %1 在“%2”上的成绩（%3）？记录仍保留，但不再计入图表、基线或任务。</translation>
    </message>
    <message>
        <source>Invalidate</source>
        <translation>作废</translation>
    </message>
</context>
<context>
    <name>ScenarioScreen</name>
    <message>
        <source>&amp;Stop (Esc)</source>
        <translation>停止(&amp;S)（Esc）</translation>
    </message>
    <message>
        <source>Show &amp;feedback after each answer</source>
        <translation>每次作答后显示反馈(&amp;F)</translation>
    </message>
    <message>
        <source>Time ran out: the customer is still waiting for your answer.</source>
        <translation>时间到：客户还在等你回答。</translation>
    </message>
    <message>
        <source>Stop the conversation</source>
        <translation>结束对话</translation>
    </message>
    <message>
        <source>Stop now? The customer leaves unserved: the run is saved as not met.</source>
        <translation>现在结束？客户没有办成业务就离开了：本次记为“未达到”。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Saving your result…</source>
        <translation>正在保存你的成绩…</translation>
    </message>
    <message>
        <source>(The customer waits for you.)</source>
        <translation>（客户在等你。）</translation>
    </message>
    <message>
        <source>Press 1 to answer.</source>
        <translation>按 1 作答。</translation>
    </message>
    <message>
        <source>Press 1–%1 to answer.</source>
        <translation>按 1–%1 作答。</translation>
    </message>
    <message>
        <source>Wait: the customer has not finished.</source>
        <translation>请稍候：客户还没说完。</translation>
    </message>
    <message>
        <source>This conversation cannot go on. Press Esc to leave.</source>
        <translation>对话无法继续。按 Esc 离开。</translation>
    </message>
    <message>
        <source>%1 s to answer</source>
        <translation>%1 秒内作答</translation>
    </message>
    <message>
        <source>You hesitated and the time ran out.</source>
        <translation>你犹豫了，时间已到。</translation>
    </message>
    <message>
        <source>Your last answer</source>
        <translation>你的上一个回答</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>(You hesitated.)</source>
        <translation>（你犹豫了。）</translation>
    </message>
    <message>
        <source>So far</source>
        <translation>到目前为止</translation>
    </message>
</context>
<context>
    <name>SchemaVersionDialog</name>
    <message>
        <source>Cannot use the branch server</source>
        <translation>无法使用网点服务器</translation>
    </message>
    <message>
        <source>The branch server has been upgraded for a newer svctrainer than this one (%1).</source>
        <translation>网点服务器已升级到比本机 svctrainer（%1）更新的版本。</translation>
    </message>
    <message>
        <source>Ask your svctrainer administrator to install the new release on this workstation. Nothing was changed.</source>
        <translation>请 svctrainer 管理员在本工作站安装新版本。未做任何改动。</translation>
    </message>
    <message>
        <source>The branch server has no svctrainer database yet.</source>
        <translation>网点服务器上还没有 svctrainer 数据库。</translation>
    </message>
    <message>
        <source>The branch server&apos;s database is older than this svctrainer (%1) needs.</source>
        <translation>网点服务器的数据库版本低于本机 svctrainer（%1）的要求。</translation>
    </message>
    <message>
        <source>Ask your svctrainer administrator to run “svctrainer db upgrade” on the server. Workstations never change the server&apos;s database; nothing was changed.</source>
        <translation>请 svctrainer 管理员在服务器上运行“svctrainer db upgrade”。工作站从不修改服务器的数据库；未做任何改动。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>%1 pt</source>
        <translation>%1 磅</translation>
    </message>
    <message>
        <source>Play a sound on a wrong key in drills</source>
        <translation>训练中按错键时发出提示音</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>At a shared counter: sign out after this long without use.</source>
        <translation>柜台共用电脑：无操作超过此时长即自动退出登录。</translation>
    </message>
    <message>
        <source>Follow the system (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <source>A new language applies the next time svctrainer starts. Drills and scenarios in the interface&apos;s language come first in the catalogue.</source>
        <translation>新的语言在下次启动 svctrainer 时生效。界面语言的训练项目和情景在目录中排在前面。</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Font size</source>
        <translation>字号(&amp;F)</translation>
    </message>
    <message>
        <source>S&amp;ounds</source>
        <translation>声音(&amp;O)</translation>
    </message>
    <message>
        <source>Sign out when &amp;idle</source>
        <translation>空闲时自动退出(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Set up svctrainer</source>
        <translation>设置 svctrainer</translation>
    </message>
    <message>
        <source>This database is new. Name your branch and create the first administrator, who can then add trainers, supervisors and tellers.</source>
        <translation>这是一个新数据库。请填写网点名称并创建第一个管理员，之后由其添加培训师、主管和柜员。</translation>
    </message>
    <message>
        <source>e.g. Riverside Branch</source>
        <translation>例如：滨江支行营业部</translation>
    </message>
    <message>
        <source>&amp;Branch name</source>
        <translation>网点名称(&amp;B)</translation>
    </message>
    <message>
        <source>Administrator &amp;name</source>
        <translation>管理员姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Employee number</source>
        <translation>工号(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;PIN</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Repeat PIN</source>
        <translation>再次输入密码(&amp;R)</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Fill in every field.</source>
        <translation>请填写所有栏目。</translation>
    </message>
    <message>
        <source>A PIN is 4 to 12 digits.</source>
        <translation>密码为 4 到 12 位数字。</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>StandardsTab</name>
    <message>
        <source>%1 % (%2 of %3 items, %4)</source>
        <translation>%1%（%3 项中达标 %2 项，%4）</translation>
    </message>
    <message>
        <source>%n run(s)</source>
        <translation>演练 %n 次</translation>
    </message>
    <message>
        <source>Standard customers</source>
        <translation>普通客户</translation>
    </message>
    <message>
        <source>Priority customers</source>
        <translation>优先/贵宾客户</translation>
    </message>
    <message>
        <source>Older customers</source>
        <translation>老年客户</translation>
    </message>
    <message>
        <source>Customers with a disability</source>
        <translation>残障客户</translation>
    </message>
    <message>
        <source>Customers with another language</source>
        <translation>外语客户</translation>
    </message>
    <message>
        <source>Share of each demand level&apos;s service-standard items met in scenario runs.</source>
        <translation>客户情景演练中，各客户需求层级服务规范条目的达标比例。</translation>
    </message>
    <message>
        <source>&amp;Refresh (F5)</source>
        <translation>刷新(&amp;R)（F5）</translation>
    </message>
    <message>
        <source>Replaying scenario runs…</source>
        <translation>正在回放客户情景演练…</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全体人员</translation>
    </message>
    <message>
        <source>%1 (whole team)</source>
        <translation>%1（整个团队）</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>无团队</translation>
    </message>
    <message>
        <source>No scenario run at a level with a service standard yet.</source>
        <translation>尚无适用服务规范的客户需求层级的情景演练。</translation>
    </message>
    <message numerus="yes">
        <source>Share of each demand level&apos;s service-standard items met, over %n scenario run(s). Items a scenario does not involve do not count.</source>
        <translation>
            <numerusform>共 %n 次客户情景演练中，各客户需求层级服务规范条目的达标比例。情景未涉及的条目不计入。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Creating the demo branch: six months of practice…</source>
        <translation>正在创建演示网点：六个月的练习数据…</translation>
    </message>
    <message>
        <source>svctrainer demo</source>
        <translation>svctrainer 演示</translation>
    </message>
    <message>
        <source>Demo database: every demo PIN is 1234. It is deleted when you quit.</source>
        <translation>演示数据库：所有演示密码均为 1234。退出时删除。</translation>
    </message>
    <message>
        <source>svctrainer is already open with this database in another window. Both can be used: every result is saved safely.</source>
        <translation>svctrainer 已在另一个窗口中用此数据库打开。两者均可使用：每次成绩都会安全保存。</translation>
    </message>
    <message>
        <source>svctrainer stopped after an unexpected error.</source>
        <translation>svctrainer 因意外错误而停止。</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <source>&amp;Dashboard</source>
        <translation>看板(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Customer time</source>
        <translation>客户时间(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Service standards</source>
        <translation>服务规范(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Needs checking</source>
        <translation>待核查(&amp;N)</translation>
    </message>
    <message>
        <source>A&amp;udit log</source>
        <translation>审计日志(&amp;U)</translation>
    </message>
</context>
<context>
    <name>SyncTab</name>
    <message>
        <source>Carry results between databases of this branch without a network link: export them on a training-room workstation, import the file on the branch server. Both workstations must hold the same branch key. A result already stored is never changed; a bundle that was altered is refused whole.</source>
        <translation>无需联网即可在本网点的数据库之间转移成绩：在培训室工作站上导出，再在网点服务器上导入该文件。两台工作站须持有同一网点密钥。已存储的成绩永不改动；被改动过的同步包整包拒收。</translation>
    </message>
    <message>
        <source>Branch: %1. A bundle holds this branch&apos;s results only, and only a bundle of this branch can be imported here.</source>
        <translation>网点：%1。同步包只包含本网点的成绩，也只能在此导入本网点的同步包。</translation>
    </message>
    <message>
        <source>&amp;Only results recorded since</source>
        <translation>仅导出此日起记录的成绩(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>导出成绩(&amp;E)…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>&amp;Import results…</source>
        <translation>导入成绩(&amp;I)…</translation>
    </message>
    <message>
        <source>Results already stored here are kept; conflicts are listed.</source>
        <translation>本库已存储的成绩保持不变；冲突逐条列出。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出成绩</translation>
    </message>
    <message>
        <source>Sync bundles (*.zip)</source>
        <translation>同步包 (*.zip)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Wrote %1 (branch %7): attempts %2 · scenario runs %3 · hand counts %4 (%5), signed with branch key %6.</source>
        <translation>已写入 %1（网点 %7）：训练成绩 %2 条 · 情景演练 %3 次 · 手工点钞 %4 条（%5），已用网点密钥 %6 签名。</translation>
    </message>
    <message>
        <source>Store the results in %1 in branch %2? The bundle is checked first: if it was altered, holds another branch&apos;s results or names someone who has no profile in this branch, nothing is imported. Results already stored here are kept.</source>
        <translation>将 %1 中的成绩存入网点 %2？系统先校验同步包：如包被改动过、属于其他网点，或其中人员在本网点没有档案，则一条也不导入。本库已存储的成绩保持不变。</translation>
    </message>
    <message>
        <source>Imported from %1 into branch %5: inserted %2 · identical %3 · conflicts %4</source>
        <translation>已从 %1 导入网点 %5：新增 %2 · 相同 %3 · 冲突 %4</translation>
    </message>
    <message>
        <source>Import results</source>
        <translation>导入成绩</translation>
    </message>
    <message>
        <source>Sync bundles (*.zip);;All files (*)</source>
        <translation>同步包 (*.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking and importing…</source>
        <translation>正在校验并导入…</translation>
    </message>
    <message>
        <source>drill attempt</source>
        <translation>训练成绩</translation>
    </message>
    <message>
        <source>scenario run</source>
        <translation>情景演练</translation>
    </message>
    <message>
        <source>hand count</source>
        <translation>手工点钞</translation>
    </message>
    <message>
        <source>the same attempt is stored under %1</source>
        <translation>同一成绩已以编号 %1 存储</translation>
    </message>
    <message>
        <source>differs in %1</source>
        <translation>以下字段不同：%1</translation>
    </message>
    <message>
        <source>%1 %2: kept the result stored here (%3)</source>
        <translation>%1 %2：保留本库已存储的成绩（%3）</translation>
    </message>
    <message>
        <source>A conflict is a result whose id is already stored here with different figures: the stored one was kept. The list below names each.</source>
        <translation>冲突是指本库已存有相同编号但数据不同的成绩：已保留本库原有成绩。下方列表逐条列出。</translation>
    </message>
</context>
<context>
    <name>TeamsTab</name>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Trainers</source>
        <translation>培训师</translation>
    </message>
    <message>
        <source>&amp;Add team…</source>
        <translation>添加团队(&amp;A)…</translation>
    </message>
    <message>
        <source>Set &amp;trainers…</source>
        <translation>设置培训师(&amp;T)…</translation>
    </message>
    <message>
        <source>Add team</source>
        <translation>添加团队</translation>
    </message>
    <message>
        <source>Team name:</source>
        <translation>团队名称：</translation>
    </message>
</context>
<context>
    <name>TenKeyView</name>
    <message>
        <source>Key this amount, then press Enter</source>
        <translation>录入此金额，然后按 Enter</translation>
    </message>
    <message>
        <source>Before you start, rest your right hand on the home row: index finger on 4, middle finger on 5 (the key with the bump), ring finger on 6, thumb on 0, little finger on Enter. Keep your eyes on the amount, not on the keys. The clock starts with your first key.</source>
        <translation>开始前，右手放在小键盘基准键位上：食指放 4，中指放 5（有凸点的键），无名指放 6，拇指放 0，小指放 Enter。眼睛看金额，不看键盘。按下第一个键开始计时。</translation>
    </message>
    <message>
        <source>Tape</source>
        <translation>流水</translation>
    </message>
    <message>
        <source>Next: %1 — %2</source>
        <translation>下一键：%1 — %2</translation>
    </message>
</context>
<context>
    <name>TextEntryView</name>
    <message>
        <source>Your copy</source>
        <translation>你的录入</translation>
    </message>
    <message>
        <source>Composing: %1</source>
        <translation>输入法正在输入：%1</translation>
    </message>
    <message>
        <source>Every passage is done.</source>
        <translation>全部篇目已录完。</translation>
    </message>
    <message>
        <source>Passage %1 of %2</source>
        <translation>第 %1 篇，共 %2 篇</translation>
    </message>
</context>
<context>
    <name>TrainerPage</name>
    <message>
        <source>&amp;Assignments</source>
        <translation>任务(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Roster</source>
        <translation>名单(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Content</source>
        <translation>内容(&amp;C)</translation>
    </message>
    <message>
        <source>Hand co&amp;unts</source>
        <translation>手工点钞(&amp;U)</translation>
    </message>
</context>
<context>
    <name>TrainerPicker</name>
    <message>
        <source>Trainers for %1</source>
        <translation>%1 的培训师</translation>
    </message>
    <message>
        <source>Trainers see the results of the teams they look after.</source>
        <translation>培训师可以查看其负责团队的成绩。</translation>
    </message>
</context>
<context>
    <name>TransactionType</name>
    <message>
        <source>cash deposit</source>
        <translation>现金存款</translation>
    </message>
    <message>
        <source>cash withdrawal</source>
        <translation>现金取款</translation>
    </message>
    <message>
        <source>transfer / remittance</source>
        <translation>转账汇款</translation>
    </message>
    <message>
        <source>account and card services</source>
        <translation>开户及银行卡业务</translation>
    </message>
    <message>
        <source>bill payment / passbook</source>
        <translation>缴费及存折业务</translation>
    </message>
    <message>
        <source>new</source>
        <comment>name of a transaction type just added</comment>
        <translation>新业务类型</translation>
    </message>
</context>
<context>
    <name>UnsavedResult</name>
    <message>
        <source>Your result is not saved yet</source>
        <translation>你的成绩尚未保存</translation>
    </message>
    <message>
        <source>The result is kept in memory. Try again, or save it to a file; an administrator brings it in later with &apos;svctrainer attempt import FILE&apos;.</source>
        <translation>成绩暂存在内存中。请重试，或保存到文件；之后由管理员用“svctrainer attempt import 文件”导入。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Save to file…</source>
        <translation>保存到文件…</translation>
    </message>
    <message>
        <source>Save result</source>
        <translation>保存成绩</translation>
    </message>
</context>
<context>
    <name>VoucherPage</name>
    <message>
        <source>Voucher</source>
        <translation>传票</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>第 %1 号</translation>
    </message>
</context>
<context>
    <name>VoucherSummingView</name>
    <message>
        <source>Voucher %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>%1 of %2 amounts added</source>
        <translation>已加 %1 / %2 笔</translation>
    </message>
    <message>
        <source>The next amount is on this voucher.</source>
        <translation>下一笔金额在本页。</translation>
    </message>
    <message>
        <source>The next amount is on voucher %1.</source>
        <translation>下一笔金额在第 %1 页。</translation>
    </message>
    <message>
        <source>last amount right</source>
        <translation>上一笔正确</translation>
    </message>
    <message>
        <source>last amount wrong</source>
        <translation>上一笔错误</translation>
    </message>
    <message>
        <source>%1 of %2 totals right</source>
        <translation>合计正确 %1 / %2</translation>
    </message>
    <message>
        <source> (wrong: group %1)</source>
        <translation> （错误：第 %1 题）</translation>
    </message>
    <message>
        <source>%1 of %2 vouchers</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <source>Adding register</source>
        <translation>累加器</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>录入</translation>
    </message>
    <message>
        <source>Running total</source>
        <translation>累计</translation>
    </message>
    <message>
        <source>next voucher</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>add</source>
        <translation>加</translation>
    </message>
    <message>
        <source>hand in the total</source>
        <translation>提交合计</translation>
    </message>
    <message>
        <source>subtract (correct an amount)</source>
        <translation>减（更正一笔）</translation>
    </message>
    <message>
        <source>last digit</source>
        <translation>删除末位</translation>
    </message>
    <message>
        <source>clear entry</source>
        <translation>清除录入</translation>
    </message>
    <message>
        <source>Hand in the total</source>
        <translation>提交本题合计</translation>
    </message>
    <message numerus="yes">
        <source>Vouchers of this group not added yet: %n. Hand in the total anyway? A total handed in cannot be changed.</source>
        <translation>
            <numerusform>本题还有 %n 页未累加。仍要提交合计吗？合计一经提交不能更改。</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand in</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation>继续作答</translation>
    </message>
    <message>
        <source>Question %1: vouchers %2 to %3, row %4</source>
        <translation>第 %1 题：起始页 %2（至第 %3 页），第 %4 行</translation>
    </message>
    <message>
        <source>Group %1: add row %2 of vouchers %3 to %4</source>
        <translation>第 %1 题：第 %3—%4 页，第 %2 行</translation>
    </message>
    <message>
        <source>Totals handed in: %1</source>
        <translation>已提交合计：%1</translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> / %1</translation>
    </message>
</context>
<context>
    <name>assignments</name>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>未达到</translation>
    </message>
    <message>
        <source>satisfaction service</source>
        <translation>满意服务</translation>
    </message>
    <message>
        <source>comfort service</source>
        <translation>舒适服务</translation>
    </message>
    <message>
        <source>delight service</source>
        <translation>惊喜服务</translation>
    </message>
    <message>
        <source>accuracy ≥ %1</source>
        <translation>准确率 ≥ %1</translation>
    </message>
    <message>
        <source>score ≥ %1</source>
        <translation>得分 ≥ %1</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>至少 %1</translation>
    </message>
    <message>
        <source>one attempt</source>
        <translation>一次</translation>
    </message>
    <message>
        <source>%n practice session(s)</source>
        <translation>%n 次练习</translation>
    </message>
    <message>
        <source>Nothing left: well done</source>
        <translation>全部完成：干得好</translation>
    </message>
    <message>
        <source>Practise %n more time(s)</source>
        <translation>再练习 %n 次</translation>
    </message>
    <message>
        <source>Take the test</source>
        <translation>参加测验</translation>
    </message>
    <message>
        <source>Do a practice session</source>
        <translation>进行一次练习</translation>
    </message>
    <message>
        <source>Make a first attempt</source>
        <translation>先做第一次</translation>
    </message>
    <message>
        <source>Meet every target in the same attempt</source>
        <translation>在同一次中达到全部目标</translation>
    </message>
    <message>
        <source>Reach %1 %2 (best so far: %3)</source>
        <translation>达到 %1 %2（目前最好：%3）</translation>
    </message>
    <message>
        <source>Reach %1 accuracy (best so far: %3)</source>
        <translation>准确率达到 %1（目前最好：%3）</translation>
    </message>
    <message>
        <source>Score at least %1 (best so far: %3)</source>
        <translation>得分至少 %1（目前最好：%3）</translation>
    </message>
    <message>
        <source>Reach %1 (best so far: %3)</source>
        <translation>达到 %1（目前最好：%3）</translation>
    </message>
    <message>
        <source>no due date</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <source>%1 (%n day(s) late)</source>
        <translation>%1（逾期 %n 天）</translation>
    </message>
    <message>
        <source>%1 (today)</source>
        <translation>%1（今天）</translation>
    </message>
    <message>
        <source>%1 (in %n day(s))</source>
        <translation>%1（还有 %n 天）</translation>
    </message>
</context>
<context>
    <name>bank_drills</name>
    <message>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 of %2 customers served right. %3.</source>
        <translation>办理正确 %1 / %2 位客户。%3。</translation>
    </message>
    <message>
        <source>%1 of %2 changes right. Wrong total: %3 · not the fewest pieces: %4 · wrong order: %5.</source>
        <translation>找零正确 %1 / %2 笔。金额错误：%3 · 张数非最少：%4 · 顺序错误：%5。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Tendered</source>
        <translation>客户交来</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>应找</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Pieces / fewest</source>
        <translation>张数 / 最少</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>You gave (in order)</source>
        <translation>你找的（按顺序）</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应付客户</translation>
    </message>
    <message>
        <source>You gave</source>
        <translation>你付出的</translation>
    </message>
    <message>
        <source>Said (received / paid)</source>
        <translation>唱收 / 唱付</translation>
    </message>
    <message>
        <source>payout (%1)</source>
        <translation>取款配款（%1）</translation>
    </message>
    <message>
        <source>exchange (%1)</source>
        <translation>兑零（%1）</translation>
    </message>
    <message>
        <source>%n change(s)</source>
        <translation>%n 笔找零</translation>
    </message>
    <message>
        <source>wrong total</source>
        <translation>金额错误</translation>
    </message>
    <message>
        <source>not the fewest pieces</source>
        <translation>张数不是最少</translation>
    </message>
    <message>
        <source>not counted up in order (smallest first)</source>
        <translation>未按顺序往上数（从小到大）</translation>
    </message>
    <message>
        <source>not the notes asked for</source>
        <translation>未按客户要求配款</translation>
    </message>
    <message>
        <source>wrong amount said as received</source>
        <translation>唱收金额错误</translation>
    </message>
    <message>
        <source>wrong amount said as paid</source>
        <translation>唱付金额错误</translation>
    </message>
    <message>
        <source>other denomination</source>
        <translation>其他面额</translation>
    </message>
    <message>
        <source>unfit</source>
        <translation>残损</translation>
    </message>
    <message>
        <source>counterfeit</source>
        <translation>假币</translation>
    </message>
    <message>
        <source>no. %1: %2</source>
        <translation>第 %1 张：%2</translation>
    </message>
    <message>
        <source>no. %1: %2, flagged %3</source>
        <translation>第 %1 张：%2，标为%3</translation>
    </message>
    <message>
        <source>Bundles</source>
        <translation>钞把</translation>
    </message>
    <message>
        <source>%1 of %2 bundles clean, %3 void. %4 notes credited of %5 counted.</source>
        <translation>%1 / %2 把无差错，%3 把作废。清点 %5 张，计入 %4 张。</translation>
    </message>
    <message>
        <source>Missed defects: %1 — a missed defect voids its bundle.</source>
        <translation>漏检问题钞票：%1——漏检一张即整把作废。</translation>
    </message>
    <message>
        <source>void</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>%n error(s)</source>
        <translation>%n 个错误</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>无差错</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>钞把</translation>
    </message>
    <message>
        <source>Strap</source>
        <translation>腰条</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Flags / defects</source>
        <translation>标记 / 问题钞票</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>漏检</translation>
    </message>
    <message>
        <source>Wrong kind</source>
        <translation>类别错误</translation>
    </message>
    <message>
        <source>Sound notes flagged</source>
        <translation>误标完好钞票</translation>
    </message>
    <message>
        <source>Counts wrong</source>
        <translation>张数错误</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>计入</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>%1 (%2 missed)</source>
        <translation>%1（漏检 %2）</translation>
    </message>
    <message>
        <source>another denomination</source>
        <translation>其他面额</translation>
    </message>
    <message>
        <source>unfit (torn or stained)</source>
        <translation>残损（破损或污损）</translation>
    </message>
    <message>
        <source>suspect counterfeit</source>
        <translation>可疑假币</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>%1 of %2 vouchers found, %3 with the right error; %4 points of %5.</source>
        <translation>找对凭证 %1 / %2 天，其中 %3 天差错类型正确；得分 %4 / %5。</translation>
    </message>
    <message>
        <source>no. %1, %2</source>
        <translation>第 %1 张，%2</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>Right answer</source>
        <translation>正确答案</translation>
    </message>
    <message>
        <source>Voucher found</source>
        <translation>凭证找对</translation>
    </message>
    <message>
        <source>Error right</source>
        <translation>差错正确</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>%n day(s)</source>
        <translation>%n 天</translation>
    </message>
    <message>
        <source>transposed digits</source>
        <translation>数字颠倒</translation>
    </message>
    <message>
        <source>missed entry</source>
        <translation>漏记</translation>
    </message>
    <message>
        <source>wrong denomination paid out</source>
        <translation>错付面额</translation>
    </message>
    <message>
        <source>posted the wrong way</source>
        <translation>收付方向记反</translation>
    </message>
    <message>
        <source>decimal point slip</source>
        <translation>小数点错位</translation>
    </message>
    <message>
        <source>entered twice</source>
        <translation>重复记账</translation>
    </message>
    <message>
        <source>over</source>
        <comment>the drawer holds more cash than the books</comment>
        <translation>长款</translation>
    </message>
    <message>
        <source>short</source>
        <comment>the drawer holds less cash than the books</comment>
        <translation>短款</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>存款</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>取款</translation>
    </message>
    <message>
        <source>Cheque cashed</source>
        <translation>支票取现</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>The difference divides by 9: transposed digits?</source>
        <translation>差额能被 9 整除：数字颠倒（也可能是数字错位）？</translation>
    </message>
    <message>
        <source>The difference equals a voucher&apos;s amount: a missed entry?</source>
        <translation>差额等于一张凭证的金额：漏记？</translation>
    </message>
    <message>
        <source>The difference equals the gap between two denominations: a wrong note or coin?</source>
        <translation>差额等于两种面额之差：付错了票币？</translation>
    </message>
    <message>
        <source>The difference divides by 99: the decimal point moved two places?</source>
        <translation>差额能被 99 整除：小数点错了两位？</translation>
    </message>
    <message>
        <source>Half the difference equals a voucher: posted the wrong way?</source>
        <translation>差额的一半等于一张传票的金额：收付方向记反？</translation>
    </message>
    <message>
        <source>Voucher: %1    Error: %2    Drawer: %3    (Enter answers)</source>
        <translation>传票：%1    差错：%2    长短款：%3    （Enter 作答）</translation>
    </message>
    <message>
        <source>Report the drawer:</source>
        <translation>上报尾箱长短款：</translation>
    </message>
    <message>
        <source>drawer over / short</source>
        <translation>尾箱长款 / 短款</translation>
    </message>
    <message>
        <source>voucher %1, row %2: not added</source>
        <translation>第 %1 页第 %2 行：漏加</translation>
    </message>
    <message>
        <source>amount %1 (%2) is one too many</source>
        <translation>金额 %1（%2）多加了一次</translation>
    </message>
    <message>
        <source>voucher %1, row %2: keyed %3 for %4</source>
        <translation>第 %1 页第 %2 行：%4 录成了 %3</translation>
    </message>
    <message>
        <source> (voucher %1 was open)</source>
        <translation> （当时翻在第 %1 页）</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>题</translation>
    </message>
    <message>
        <source>%1 of %2 totals right: %3 points (%4 per right total).</source>
        <translation>合计正确 %1 / %2 题，得 %3 分（每题 %4 分）。</translation>
    </message>
    <message>
        <source>The unfinished group scores %1 points.</source>
        <translation>未交出的一题得 %1 分。</translation>
    </message>
    <message>
        <source>Wrong total in %n group(s): %1.</source>
        <translation>%n 题合计错误：第 %1 题。</translation>
    </message>
    <message>
        <source>not finished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>题</translation>
    </message>
    <message>
        <source>Vouchers</source>
        <translation>传票</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Right / keyed</source>
        <translation>正确 / 录入</translation>
    </message>
    <message>
        <source>Your total</source>
        <translation>你的合计</translation>
    </message>
    <message>
        <source>Right total</source>
        <translation>正确合计</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>First wrong entry</source>
        <translation>第一笔错误录入</translation>
    </message>
    <message>
        <source>%1 amounts keyed, %2 right; %3 page turns; %n correction(s).</source>
        <translation>录入 %1 笔，正确 %2 笔；翻页 %3 次；改正 %n 次。</translation>
    </message>
    <message>
        <source>%n group(s)</source>
        <translation>%n 题</translation>
    </message>
    <message>
        <source>Rules broken</source>
        <translation>违反的规则</translation>
    </message>
    <message>
        <source>The rule you keep breaking: &lt;b&gt;%1&lt;/b&gt; (%n answer(s)).</source>
        <translation>你反复违反的规则：&lt;b&gt;%1&lt;/b&gt;（%n 个答案）。</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>答案数</translation>
    </message>
    <message>
        <source>No rule broken: every answer was written right.</source>
        <translation>没有违反规则：所有答案书写正确。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your answers&lt;/b&gt; — %1 of %2 right</source>
        <translation>&lt;b&gt;你的答案&lt;/b&gt;——正确 %1 / %2</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>Standard writing</source>
        <translation>规范写法</translation>
    </message>
    <message>
        <source>%n answer(s)</source>
        <translation>%n 个答案</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source>Save chart as PNG…</source>
        <translation>将图表保存为 PNG…</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>Save chart as PNG… (Ctrl+Shift+S)</source>
        <translation>将图表保存为 PNG…（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>将图表保存为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像（*.png）</translation>
    </message>
    <message>
        <source>Slowest key at the start: %1 (%2 ms).</source>
        <translation>开始时最慢的键：%1（%2 毫秒）。</translation>
    </message>
    <message>
        <source>improving</source>
        <translation>正在进步</translation>
    </message>
    <message>
        <source>not improving yet</source>
        <translation>尚未进步</translation>
    </message>
    <message>
        <source>Weakest key at the start: %1, %2 ms → %3 ms (%4 %), %5.</source>
        <translation>开始时最弱的键：%1，%2 毫秒 → %3 毫秒（%4 %），%5。</translation>
    </message>
    <message>
        <source>Time per key (mean ms, lighter is slower)</source>
        <translation>每键用时（平均毫秒，颜色越浅越慢）</translation>
    </message>
    <message>
        <source>Errors per key (% of strokes, lighter is more)</source>
        <translation>每键差错（占击键的 %，颜色越浅越多）</translation>
    </message>
    <message>
        <source>No per-key statistics for this drill in this period.</source>
        <translation>本期此训练项目没有逐键统计。</translation>
    </message>
    <message>
        <source>Week starting</source>
        <translation>周起始日</translation>
    </message>
    <message>
        <source>Colour: %1 ms … %2 ms</source>
        <translation>颜色：%1 毫秒 … %2 毫秒</translation>
    </message>
    <message>
        <source>Colour: %1 … %2</source>
        <translation>颜色：%1 … %2</translation>
    </message>
    <message>
        <source>The %1 most-typed of %2 keys shown.</source>
        <translation>显示了 %2 个键中使用最多的 %1 个。</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Not counted</source>
        <translation>不计入</translation>
    </message>
    <message>
        <source>Incomplete (not counted)</source>
        <translation>未完成（不计入）</translation>
    </message>
    <message>
        <source>Rolling median (5)</source>
        <translation>滚动中位数（5 次）</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Baseline %1</source>
        <translation>基线 %1</translation>
    </message>
    <message>
        <source>Latest %1</source>
        <translation>最新 %1</translation>
    </message>
    <message>
        <source>Accuracy: %1</source>
        <translation>准确率：%1</translation>
    </message>
    <message>
        <source>Score: %1</source>
        <translation>得分：%1</translation>
    </message>
    <message>
        <source>Grade: %1</source>
        <translation>等级：%1</translation>
    </message>
    <message>
        <source>Incomplete: stopped before the end</source>
        <translation>未完成：中途停止</translation>
    </message>
    <message>
        <source>Not counted in any figure</source>
        <translation>不计入任何数据</translation>
    </message>
    <message>
        <source>Click to open this result</source>
        <translation>点击打开这次成绩</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>未达到</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Comfort</source>
        <translation>舒适</translation>
    </message>
    <message>
        <source>Delight</source>
        <translation>惊喜</translation>
    </message>
    <message>
        <source>Service tier reached, run by run</source>
        <translation>每次达到的服务等级</translation>
    </message>
    <message>
        <source>No scenario runs in this period.</source>
        <translation>本期没有情景演练。</translation>
    </message>
    <message>
        <source>One run</source>
        <translation>一次演练</translation>
    </message>
    <message>
        <source>Best tier: %1</source>
        <translation>最高等级：%1</translation>
    </message>
    <message>
        <source>SERVQUAL: first run and latest run</source>
        <translation>SERVQUAL：第一次与最近一次</translation>
    </message>
    <message>
        <source>First run, %1</source>
        <translation>第一次，%1</translation>
    </message>
    <message>
        <source>Latest run, %1</source>
        <translation>最近一次，%1</translation>
    </message>
    <message>
        <source>Centre %1 points, outer ring %2.</source>
        <translation>圆心 %1 分，外圈 %2 分。</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测验</translation>
    </message>
    <message>
        <source>Logged</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>%1 (all languages)</source>
        <translation>%1（全部语言）</translation>
    </message>
    <message>
        <source>No team</source>
        <translation>无团队</translation>
    </message>
    <message>
        <source>No teams with results in this period.</source>
        <translation>本期没有团队成绩。</translation>
    </message>
    <message>
        <source>Team comparison: median gain over baseline</source>
        <translation>团队对比：相对基线提升的中位数</translation>
    </message>
    <message>
        <source>(people with a gain / people in the team)</source>
        <translation>（有提升的人数 / 团队人数）</translation>
    </message>
    <message>
        <source>What if: waiting time by windows and service speed</source>
        <translation>假设分析：按窗口数和办理速度看等候时间</translation>
    </message>
    <message>
        <source>Service time cut per customer (s)</source>
        <translation>每位客户缩短的办理时间（秒）</translation>
    </message>
    <message>
        <source>Mean wait per customer (min)</source>
        <translation>每位客户平均等候（分钟）</translation>
    </message>
    <message>
        <source>%1: cannot keep up</source>
        <translation>%1：无法消化</translation>
    </message>
    <message>
        <source>%1 (partly above the chart)</source>
        <translation>%1（部分超出图表）</translation>
    </message>
    <message>
        <source>today %1 s</source>
        <translation>目前 %1 秒</translation>
    </message>
    <message>
        <source>the tellers&apos; gains today</source>
        <translation>柜员目前的提升</translation>
    </message>
    <message>
        <source>windows as now</source>
        <translation>窗口数不变</translation>
    </message>
    <message>
        <source>%1 more each hour</source>
        <translation>每时段增加 %1 个</translation>
    </message>
    <message>
        <source>%1 fewer each hour</source>
        <translation>每时段减少 %1 个</translation>
    </message>
</context>
<context>
    <name>contest</name>
    <message>
        <source>points of exactly right totals</source>
        <translation>完全正确题目的分数</translation>
    </message>
    <message>
        <source>speed in %1</source>
        <translation>速度（%1）</translation>
    </message>
    <message>
        <source>no complete attempt</source>
        <translation>无完整成绩</translation>
    </message>
    <message>
        <source>First Prize</source>
        <translation>一等奖</translation>
    </message>
    <message>
        <source>Second Prize</source>
        <translation>二等奖</translation>
    </message>
    <message>
        <source>Third Prize</source>
        <translation>三等奖</translation>
    </message>
    <message>
        <source>no team</source>
        <translation>未分组</translation>
    </message>
    <message>
        <source>not measured yet</source>
        <translation>尚无测算</translation>
    </message>
    <message>
        <source>%1 customer-minutes a day</source>
        <translation>每天减少客户等候 %1 分钟</translation>
    </message>
    <message>
        <source>Skills contest: %1</source>
        <translation>比赛成绩表：%1</translation>
    </message>
    <message>
        <source>final results</source>
        <translation>最终成绩</translation>
    </message>
    <message>
        <source>provisional standings (the contest is not closed)</source>
        <translation>临时排名（比赛尚未结束）</translation>
    </message>
    <message>
        <source>%1 · generated %2 by svctrainer</source>
        <translation>%1 · svctrainer 于 %2 生成</translation>
    </message>
    <message>
        <source>Branch: %1 · Started: %2 · Window: %3 min · Attempts per drill: %4 (the best complete one counts) · Every contestant sat the same form.</source>
        <translation>网点：%1 · 开赛：%2 · 比赛时间：%3 分钟 · 每项次数：%4（取完整成绩中最好的一次）· 全体选手同一套试题。</translation>
    </message>
    <message>
        <source>Points table</source>
        <translation>计分办法</translation>
    </message>
    <message>
        <source>Each drill&apos;s points = its weight × the contestant&apos;s result ÷ the best result in the contest (at most the weight). Only complete, valid attempts have a result. Ties: higher accuracy first, then the shorter time.</source>
        <translation>各项得分 = 该项权重 × 选手成绩 ÷ 本场最好成绩（不超过权重）。只有完整、有效的作答计成绩。成绩相同时准确率优先，准确率相同按用时少者为优。</translation>
    </message>
    <message>
        <source>Drill</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Judged on</source>
        <translation>评分依据</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Overall standings</source>
        <translation>总分排名</translation>
    </message>
    <message>
        <source>Prizes: First, Second and Third Prize for overall ranks 1, 2 and 3; contestants level on points share a rank and its prize. Every other contestant with a result gets a certificate of participation.</source>
        <translation>获奖办法：总分第 1、2、3 名分别获一等奖、二等奖、三等奖；总分相同者名次并列、同等获奖。其余有成绩的选手颁发参赛证书。</translation>
    </message>
    <message>
        <source>Provisional standings: certificates are printed only once the contest is closed and its results locked.</source>
        <translation>临时排名，仅供参考：比赛结束并锁定成绩后方可打印证书。</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Nobody has a result yet.</source>
        <translation>还没有人取得成绩。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>成绩</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Teams by mean points per contestant</source>
        <translation>团体排名（按参赛选手平均得分）</translation>
    </message>
    <message>
        <source>Teams rank by the mean overall points of their contestants (everyone who sat a drill counts, one without a complete attempt with 0), so a large team does not win for its size; teams level on the mean share a rank. The waiting time saved (the customer-minutes a day its contestants&apos; gains over their own baselines save at the branch&apos;s queue) is for reference only and does not count.</source>
        <translation>团体按参赛选手总分的平均分排名（凡参加过比赛项目的选手均计入，无完整作答者按 0 分计），人数多的团队不因人多而占优；平均分相同者名次并列。减少的客户等候时间（各团队参赛选手相对各自基线的提升，折合本网点每天减少的客户等候分钟数）仅供参考，不计入比赛成绩。</translation>
    </message>
    <message>
        <source>Mean points</source>
        <translation>平均得分</translation>
    </message>
    <message>
        <source>Waiting time saved (reference)</source>
        <translation>减少的客户等候时间（仅供参考）</translation>
    </message>
    <message>
        <source>Certificate of Participation</source>
        <translation>参 赛 证 书</translation>
    </message>
    <message>
        <source>This is to certify that
%1
took part in “%2”.</source>
        <translation>%1 同志：
&#x3000;&#x3000;参加“%2”，特发此证。</translation>
    </message>
    <message>
        <source>Certificate of Achievement</source>
        <translation>荣 誉 证 书</translation>
    </message>
    <message>
        <source>This is to certify that
%1
won %2 in “%3”
with %4 points.</source>
        <translation>%1 同志：
&#x3000;&#x3000;在“%3”中以 %4 分的优异成绩荣获%2。
&#x3000;&#x3000;特发此证，以资鼓励。</translation>
    </message>
    <message>
        <source>%1: %2 (%3 points)</source>
        <translation>%1 %2（得分 %3）</translation>
    </message>
    <message>
        <source>Results by drill: %1</source>
        <translation>单项成绩：%1</translation>
    </message>
    <message>
        <source>%1 (seal)</source>
        <translation>%1（盖章）</translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <comment>the date on a certificate (Qt date format)</comment>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <source>Contestants</source>
        <translation>参赛人数</translation>
    </message>
    <message>
        <source>Draft: not announced yet</source>
        <translation>草稿：尚未公布</translation>
    </message>
    <message>
        <source>Announced: waiting for the trainer to start it</source>
        <translation>已公布：等待培训师开赛</translation>
    </message>
    <message>
        <source>Starting in</source>
        <translation>距开赛</translation>
    </message>
    <message>
        <source>Running: time left</source>
        <translation>比赛进行中：剩余时间</translation>
    </message>
    <message>
        <source>Time is up: waiting for the trainer to close it</source>
        <translation>时间到：等待培训师结束比赛</translation>
    </message>
    <message>
        <source>Closed: the results are final</source>
        <translation>比赛已结束：成绩为最终成绩</translation>
    </message>
</context>
<context>
    <name>figures</name>
    <message>
        <source>Ten-key amounts</source>
        <translation>小键盘金额录入</translation>
    </message>
    <message>
        <source>Data entry</source>
        <translation>客户资料录入</translation>
    </message>
    <message>
        <source>Voucher summing</source>
        <translation>传票算</translation>
    </message>
    <message>
        <source>vouchers/min</source>
        <translation>页/分钟</translation>
    </message>
    <message>
        <source>totals right</source>
        <translation>合计正确数</translation>
    </message>
    <message>
        <source>Amounts in words</source>
        <translation>大写金额</translation>
    </message>
    <message>
        <source>answers/min</source>
        <translation>题/分钟</translation>
    </message>
    <message>
        <source>Making change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>items/min</source>
        <translation>笔/分钟</translation>
    </message>
    <message>
        <source>Cash counting</source>
        <translation>点钞</translation>
    </message>
    <message>
        <source>gross notes/min</source>
        <translation>清点张数/分钟</translation>
    </message>
    <message>
        <source>Drawer balancing</source>
        <translation>尾箱轧账</translation>
    </message>
    <message>
        <source>cases/hour</source>
        <translation>笔/小时</translation>
    </message>
    <message>
        <source>net KPH</source>
        <translation>净击键/小时</translation>
    </message>
    <message>
        <source>gross KPH</source>
        <translation>毛击键/小时</translation>
    </message>
    <message>
        <source>CPM</source>
        <translation>字/分钟</translation>
    </message>
    <message>
        <source>WPM</source>
        <translation>词/分钟</translation>
    </message>
    <message>
        <source>notes/min</source>
        <translation>张/分钟</translation>
    </message>
    <message>
        <source>points</source>
        <translation>分</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测验</translation>
    </message>
    <message>
        <source>Logged</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>情景</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>consistency</source>
        <translation>稳定性</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>Import drill packs and scenarios</source>
        <translation>导入训练内容包和情景</translation>
    </message>
    <message>
        <source>Drill packs and scenarios (*.toml *.yaml *.yml)</source>
        <translation>训练内容包和情景（*.toml *.yaml *.yml）</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>This profile has been deactivated. Ask an admin.</source>
        <translation>该用户已被停用。请联系管理员。</translation>
    </message>
    <message>
        <source>You do not have permission to do that.</source>
        <translation>你没有执行此操作的权限。</translation>
    </message>
    <message>
        <source>That record no longer exists: someone may have removed it. Refresh.</source>
        <translation>该记录已不存在，可能已被他人删除。请刷新。</translation>
    </message>
    <message>
        <source>The database is busy (another program is using it). Try again in a moment.</source>
        <translation>数据库正忙（另一个程序正在使用）。请稍后再试。</translation>
    </message>
    <message>
        <source>The database cannot be written: its file or folder is read-only.</source>
        <translation>无法写入数据库：其文件或文件夹为只读。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space and try again; nothing already saved was lost.</source>
        <translation>磁盘已满。请释放空间后重试；已保存的内容没有丢失。</translation>
    </message>
    <message>
        <source>The database file is damaged. An administrator can restore a backup.</source>
        <translation>数据库文件已损坏。管理员可以恢复备份。</translation>
    </message>
    <message>
        <source>This file is not an svctrainer database.</source>
        <translation>此文件不是 svctrainer 数据库。</translation>
    </message>
    <message>
        <source>The contest cannot take that step now: it may have been started or closed on another workstation. The page shows it as it is.</source>
        <translation>比赛当前不能执行这一步：可能已在其他工位开赛或结束。页面显示的是比赛的当前状态。</translation>
    </message>
    <message>
        <source>The contest is not running now: wait for the start, or it has ended.</source>
        <translation>比赛当前未在进行：请等待开赛，或比赛已经结束。</translation>
    </message>
    <message>
        <source>Too little time is left in the contest to sit this drill in full; it cannot be started now.</source>
        <translation>比赛剩余时间不足以完整作答本项目，现在不能开始。</translation>
    </message>
    <message>
        <source>You have used every attempt this contest allows on this drill.</source>
        <translation>本项目您已用完本场比赛允许的全部次数。</translation>
    </message>
    <message>
        <source>The database was written by a newer svctrainer; install that release to open it.</source>
        <translation>该数据库由更新版本的 svctrainer 写入；请安装该版本后再打开。</translation>
    </message>
    <message>
        <source>The database&apos;s structure is not what its version says (an interrupted upgrade?). An administrator can restore a backup.</source>
        <translation>数据库结构与其版本号不符（升级是否中断过？）。管理员可以恢复备份。</translation>
    </message>
    <message>
        <source>The database cannot be reached: check that its folder or server is available.</source>
        <translation>无法连接数据库：请检查其所在文件夹或服务器是否可用。</translation>
    </message>
    <message>
        <source>%1 holds results of branch %2, which is not in this database. Nothing was imported.</source>
        <translation>%1 是网点 %2 的成绩，本数据库中没有该网点。未导入任何成绩。</translation>
    </message>
    <message>
        <source>%1 holds results of branch %2; you administer branch %3. Nothing was imported: import it on that branch&apos;s workstation.</source>
        <translation>%1 是网点 %2 的成绩，而您管理的是网点 %3。未导入任何成绩：请在该网点的工作站上导入。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Nothing was imported from %1: these people have no profile in branch %2: %3. Add them (same employee numbers) first.</source>
        <translation>未从 %1 导入任何成绩：以下人员在网点 %2 没有档案：%3。请先为他们建档（工号相同）。</translation>
    </message>
    <message>
        <source>%1 belongs to branch %2. This workstation signs in people of branch %3 only: choose your own name, or use a workstation of your branch.</source>
        <translation>%1 属于网点 %2。本工作站只登录网点 %3 的人员：请选择您本人的姓名，或使用本网点的工作站。</translation>
    </message>
    <message>
        <source>Wrong PIN. %n attempt(s) left before the profile locks for a while.</source>
        <translation>密码错误。再错 %n 次，该用户将被暂时锁定。</translation>
    </message>
    <message>
        <source>This profile is locked after 100 wrong PINs in a row. Ask an admin to reset the PIN.</source>
        <translation>该用户已连续 100 次密码错误而被锁定。请联系管理员重置密码。</translation>
    </message>
    <message>
        <source>This profile is locked after repeated wrong PINs. Try again at %1, or ask an admin to reset the PIN.</source>
        <translation>该用户因多次密码错误已被锁定。请于 %1 后重试，或联系管理员重置密码。</translation>
    </message>
    <message>
        <source>You have taken this test %n time(s) in %1 days, the limit your trainer set. Your next try is from %2.</source>
        <translation>您在 %1 天内已参加本测验 %n 次，已达培训师设定的补考次数上限。下次可于 %2 起参加。</translation>
    </message>
    <message>
        <source>Employee number %1 is used in several branches (%2): say which branch.</source>
        <translation>工号 %1 在多个网点中使用（%2）：请指明是哪个网点。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1
File: %2</source>
        <translation>%1
文件：%2</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <source>svctrainer</source>
        <translation>svctrainer</translation>
    </message>
</context>
<context>
    <name>my_progress</name>
    <message>
        <source>%1 over baseline</source>
        <translation>比基线提升 %1</translation>
    </message>
    <message>
        <source>Baseline after 3 tests (%1 so far)</source>
        <translation>3 次测验后确定基线（目前 %1 次）</translation>
    </message>
    <message>
        <source>Baseline set: take another test to see your gain</source>
        <translation>基线已确定：再参加一次测验即可看到提升</translation>
    </message>
</context>
<context>
    <name>navigation</name>
    <message>
        <source>Assignments</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>My progress</source>
        <translation>我的进度</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>培训师</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Contest</source>
        <translation>技能比赛</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>all results</source>
        <translation>全部成绩</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>No baseline yet: %1 of the 3 tests it needs.</source>
        <translation>尚无基线：需要 3 次测验，已有 %1 次。</translation>
    </message>
    <message>
        <source>Baseline set; no test after it yet.</source>
        <translation>基线已确定；之后尚无测验。</translation>
    </message>
    <message>
        <source>Gain over baseline: %1 (baseline %2, latest %3, %4 tests).</source>
        <translation>比基线提升：%1（基线 %2，最新 %3，共 %4 次测验）。</translation>
    </message>
    <message>
        <source>Accuracy: %1 counted attempts, no baseline yet.</source>
        <translation>准确率：已计入 %1 次练习，尚无基线。</translation>
    </message>
    <message>
        <source>Accuracy: baseline %1, latest %2 (%3).</source>
        <translation>准确率：基线 %1，最新 %2（%3）。</translation>
    </message>
    <message>
        <source>%n incomplete attempt(s) (stopped before the end): shown ▽, never graded or counted.</source>
        <translation>%n 次成绩记录未完成（中途停止）：以 ▽ 标示，不评定等级，也不计入统计。</translation>
    </message>
    <message>
        <source>improving</source>
        <translation>正在进步</translation>
    </message>
    <message>
        <source>no progress: under 2 % in 4 weeks</source>
        <translation>提升停滞：近4周提升不足2%</translation>
    </message>
    <message>
        <source>idle: no practice for 14 days</source>
        <translation>14天未练习</translation>
    </message>
    <message>
        <source>too few attempts in 4 weeks</source>
        <translation>4 周内次数太少</translation>
    </message>
    <message>
        <source>Progress report: %1 (%2)</source>
        <translation>进度报告：%1（%2）</translation>
    </message>
    <message>
        <source>Team: %1 · Period: %2 · Generated %3</source>
        <translation>团队：%1 · 期间：%2 · 生成于 %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Drill</source>
        <translation>训练项目</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>提升</translation>
    </message>
    <message>
        <source>Tests</source>
        <translation>测验</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>成绩记录</translation>
    </message>
    <message>
        <source>No attempts in this period.</source>
        <translation>本期没有成绩记录。</translation>
    </message>
    <message>
        <source>Generated %1 by svctrainer</source>
        <translation>由 svctrainer 生成于 %1</translation>
    </message>
    <message>
        <source>Efficiency gains as customer time</source>
        <translation>效率提升折算为客户时间</translation>
    </message>
    <message>
        <source>all teams</source>
        <translation>全部团队</translation>
    </message>
    <message>
        <source>Team report: %1</source>
        <translation>团队报告：%1</translation>
    </message>
    <message>
        <source>Branch: %1 · Period: %2 · Generated %3 · %4 people</source>
        <translation>网点：%1 · 期间：%2 · 生成于 %3 · %4 人</translation>
    </message>
    <message>
        <source>Customer-minutes saved a day, each team&apos;s gains alone</source>
        <translation>每天节省的客户分钟（各团队单独的提升）</translation>
    </message>
    <message>
        <source>customer-minutes a day</source>
        <translation>客户分钟/天</translation>
    </message>
    <message>
        <source>%1: median baseline %2, median latest %3, median gain %4; %5 of %6 improved, %7 stalled.</source>
        <translation>%1：基线中位数 %2，最新中位数 %3，提升中位数 %4；%6 人中 %5 人提升，%7 人停滞。</translation>
    </message>
    <message>
        <source>Gain over baseline, person by person</source>
        <translation>逐人相对基线的提升</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Practised</source>
        <translation>练习次数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done/late</source>
        <translation>完成/逾期</translation>
    </message>
    <message>
        <source>Improved most: %1</source>
        <translation>提升最多：%1</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>需关注：%1</translation>
    </message>
    <message>
        <source>Tested</source>
        <translation>已测试</translation>
    </message>
    <message>
        <source>Idle 14 days</source>
        <translation>14天未练习</translation>
    </message>
    <message>
        <source>No progress</source>
        <translation>提升停滞</translation>
    </message>
    <message>
        <source>%1
%n with a baseline</source>
        <comment>gain over its count, two lines</comment>
        <translation>%1
%n 人有基线</translation>
    </message>
    <message>
        <source>Idle 14 days: practised the skill before, but no practice or test in the last 14 days (urge them to practise). No progress: practising, but under 2 % faster in 4 weeks (arrange coaching). Not started: no complete attempt on the skill yet.</source>
        <translation>14天未练习：练过该技能，但近14天没有练习或测试（需督促练习）。提升停滞：仍在练习，但近4周提速不足2%（需安排辅导）。未开始：尚未完成过该技能的练习或测试。</translation>
    </message>
    <message>
        <source>no progress</source>
        <translation>提升停滞</translation>
    </message>
    <message>
        <source>idle 14 days</source>
        <translation>14天未练习</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Median gain</source>
        <translation>提升中位数</translation>
    </message>
    <message>
        <source>Improved</source>
        <translation>已提升</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 (%n with a baseline)</source>
        <translation>%1（%n 人有基线）</translation>
    </message>
    <message>
        <source>Median gain: each person&apos;s latest tests against their first three (their baseline), the median over the people who have both, each person once.</source>
        <translation>提升中位数：每人最近的测验成绩与其前三次测验（基线）相比，取同时具备基线和后续测验者的中位数，每人只计一次。</translation>
    </message>
    <message>
        <source>English and Chinese packs of a skill count as one skill; stopped attempts never count.</source>
        <translation>同一技能的中英文内容包按一项技能计算；中途停止的作答一律不计入。</translation>
    </message>
    <message>
        <source>Branch summary: %1</source>
        <translation>网点概览：%1</translation>
    </message>
    <message>
        <source>%n core skill(s)</source>
        <translation>%n 项核心技能</translation>
    </message>
    <message>
        <source>%n employee(s) in scope</source>
        <translation>统计范围内 %n 人</translation>
    </message>
    <message>
        <source>Period: %1 · Generated %2 · %3 · %4</source>
        <translation>期间：%1 · 生成于 %2 · %3 · %4</translation>
    </message>
    <message>
        <source>No drill with a test has been imported.</source>
        <translation>尚未导入带测验的训练项目。</translation>
    </message>
    <message>
        <source>Median gain over baseline, skill by skill</source>
        <translation>各项技能相对基线提升的中位数</translation>
    </message>
    <message>
        <source>median gain, %</source>
        <translation>提升中位数（%）</translation>
    </message>
    <message>
        <source>—: nobody has a baseline and a later test yet</source>
        <translation>—：尚无人同时具备基线和后续测验</translation>
    </message>
    <message>
        <source>gain, %</source>
        <translation>提升，%</translation>
    </message>
    <message>
        <source>gain, percentage points</source>
        <translation>提升，百分点</translation>
    </message>
    <message>
        <source>gain, points</source>
        <translation>提升，分</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <source>Teller</source>
        <translation>柜员</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>培训师</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Regional supervisor</source>
        <translation>区域主管</translation>
    </message>
</context>
<context>
    <name>scenarios</name>
    <message>
        <source>Your run</source>
        <translation>你的演练</translation>
    </message>
    <message>
        <source>Best possible run</source>
        <translation>最佳演练</translation>
    </message>
    <message>
        <source>(points: yours / the best run&apos;s)</source>
        <translation>（分数：你的 / 最佳演练的）</translation>
    </message>
    <message>
        <source>Decision (0 = arrival at the counter)</source>
        <translation>决策（0 = 客户来到柜台）</translation>
    </message>
    <message>
        <source>Mood</source>
        <translation>情绪</translation>
    </message>
    <message>
        <source>Valence (happy +, unhappy −)</source>
        <translation>愉悦度（高兴 +，不高兴 −）</translation>
    </message>
    <message>
        <source>Arousal (agitated +, calm −)</source>
        <translation>激动度（激动 +，平静 −）</translation>
    </message>
    <message>
        <source>Comfort level</source>
        <translation>舒适线</translation>
    </message>
    <message>
        <source>Time ran out</source>
        <translation>时间到</translation>
    </message>
    <message>
        <source>How the visit ended:</source>
        <translation>这次来访的结果：</translation>
    </message>
    <message>
        <source>(stopped before the end)</source>
        <translation>（未到结尾即停止）</translation>
    </message>
    <message>
        <source>Service quality (SERVQUAL points)</source>
        <translation>服务质量（SERVQUAL 分数）</translation>
    </message>
    <message>
        <source>The customer&apos;s mood over the conversation</source>
        <translation>客户在对话中的情绪变化</translation>
    </message>
    <message>
        <source>Why this tier</source>
        <translation>为何是这个等级</translation>
    </message>
    <message>
        <source>Protocol steps in the order you took them (%1)</source>
        <translation>你完成流程步骤的顺序（%1）</translation>
    </message>
    <message>
        <source>Your path, with the best alternative at each point</source>
        <translation>你的路径，以及每一步更好的选择</translation>
    </message>
    <message>
        <source>Score %1 / 100</source>
        <translation>得分 %1 / 100</translation>
    </message>
    <message>
        <source>%n decision(s)</source>
        <translation>%n 次决策</translation>
    </message>
    <message>
        <source>time %1</source>
        <translation>用时 %1</translation>
    </message>
    <message>
        <source>%n mistake(s)</source>
        <translation>%n 处失误</translation>
    </message>
    <message>
        <source>best choice %1 of the time</source>
        <translation>最佳选项选中率 %1</translation>
    </message>
    <message>
        <source>best possible: %1, %2</source>
        <translation>最佳可能：%1，%2</translation>
    </message>
    <message>
        <source>No protocol step was taken.</source>
        <translation>没有完成任何流程步骤。</translation>
    </message>
    <message>
        <source>The protocol&apos;s order: %1</source>
        <translation>流程的顺序：%1</translation>
    </message>
    <message>
        <source>You hesitated: the time ran out.</source>
        <translation>你犹豫了：时间已到。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>No decision was taken.</source>
        <translation>没有做出任何决定。</translation>
    </message>
    <message>
        <source>The best choice here.</source>
        <translation>这里的最佳选择。</translation>
    </message>
    <message>
        <source>letting the customer finish (waiting)</source>
        <translation>让客户把话说完（等待）</translation>
    </message>
    <message>
        <source>that path reaches %1, score %2</source>
        <translation>选这一项可达到%1，得 %2 分</translation>
    </message>
    <message>
        <source>Better</source>
        <translation>更好的选择</translation>
    </message>
    <message>
        <source>Mood: unhappy ← → happy</source>
        <translation>情绪：不高兴 ← → 高兴</translation>
    </message>
    <message>
        <source>calm ← → agitated</source>
        <translation>平静 ← → 激动</translation>
    </message>
    <message>
        <source>Mood now: valence %1, arousal %2 (comfort needs valence %3 or more)</source>
        <translation>当前情绪：愉悦度 %1，激动度 %2（舒适服务需愉悦度 %3 以上）</translation>
    </message>
    <message>
        <source>The customer looks %1</source>
        <translation>客户看起来%1</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>未达到</translation>
    </message>
    <message>
        <source>Satisfaction service</source>
        <translation>满意服务</translation>
    </message>
    <message>
        <source>Comfort service</source>
        <translation>舒适服务</translation>
    </message>
    <message>
        <source>Delight service</source>
        <translation>惊喜服务</translation>
    </message>
    <message>
        <source>The customer&apos;s reasonable requirements were not met.</source>
        <translation>客户的合理需求没有得到满足。</translation>
    </message>
    <message>
        <source>Reasonable requirements basically met, and no new negative emotion left.</source>
        <translation>基本满足了合理需求，且没有留下新的负面情绪。</translation>
    </message>
    <message>
        <source>Negative emotions minimised, and the customer praised the service.</source>
        <translation>负面情绪降到最低，客户称赞了服务。</translation>
    </message>
    <message>
        <source>You also anticipated a need the customer had not thought of: trust and loyalty won.</source>
        <translation>你还预见到了客户尚未想到的需求：赢得了信任和忠诚。</translation>
    </message>
    <message>
        <source>Hear</source>
        <translation>倾听</translation>
    </message>
    <message>
        <source>Empathize</source>
        <translation>共情</translation>
    </message>
    <message>
        <source>Apologize</source>
        <translation>致歉</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Diagnose</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>倾听</translation>
    </message>
    <message>
        <source>Apologise</source>
        <translation>致歉</translation>
    </message>
    <message>
        <source>Solve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Thank</source>
        <translation>致谢</translation>
    </message>
    <message>
        <source>Reliability</source>
        <translation>可靠性</translation>
    </message>
    <message>
        <source>Responsiveness</source>
        <translation>响应性</translation>
    </message>
    <message>
        <source>Assurance</source>
        <translation>保证性</translation>
    </message>
    <message>
        <source>Empathy</source>
        <translation>移情性</translation>
    </message>
    <message>
        <source>Tangibles</source>
        <translation>有形性</translation>
    </message>
    <message>
        <source>the identity check</source>
        <translation>身份核验</translation>
    </message>
    <message>
        <source>accuracy (cash counted, amounts keyed right)</source>
        <translation>准确性（现金点准、金额录对）</translation>
    </message>
    <message>
        <source>compliance with the rules</source>
        <translation>遵守规章制度</translation>
    </message>
    <message>
        <source>angry</source>
        <translation>愤怒</translation>
    </message>
    <message>
        <source>upset</source>
        <translation>不满</translation>
    </message>
    <message>
        <source>anxious</source>
        <translation>焦虑</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>平静</translation>
    </message>
    <message>
        <source>content</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>pleased</source>
        <translation>愉快</translation>
    </message>
    <message>
        <source>delighted</source>
        <translation>惊喜</translation>
    </message>
    <message>
        <source>basic service demand</source>
        <translation>基本服务需求</translation>
    </message>
    <message>
        <source>standard service demand</source>
        <translation>标准服务需求</translation>
    </message>
    <message>
        <source>premium service demand</source>
        <translation>高端服务需求</translation>
    </message>
    <message>
        <source>priority customer</source>
        <translation>优先/贵宾客户</translation>
    </message>
    <message>
        <source>elderly customer</source>
        <translation>老年客户</translation>
    </message>
    <message>
        <source>customer with a disability</source>
        <translation>残障客户</translation>
    </message>
    <message>
        <source>customer with another language</source>
        <translation>外语客户</translation>
    </message>
    <message>
        <source>The conversation stopped before the visit ended.</source>
        <translation>对话在来访结束前停止了。</translation>
    </message>
    <message>
        <source>A must-be requirement was breached: %1. That fails the service whatever else went well.</source>
        <translation>触碰了服务底线：%1。其他方面做得再好，这次服务也不合格。</translation>
    </message>
    <message>
        <source>The customer left without their reasonable requirements being met.</source>
        <translation>客户的合理需求没有得到满足就离开了。</translation>
    </message>
    <message>
        <source>You caused %n new negative emotion(s) and did not repair them.</source>
        <translation>你引起了 %n 个新的负面情绪，且没有化解。</translation>
    </message>
    <message>
        <source>The customer&apos;s reasonable requirements were met with no new negative emotion left.</source>
        <translation>客户的合理需求得到满足，没有留下新的负面情绪。</translation>
    </message>
    <message>
        <source>You caused %n negative emotion(s) and repaired them.</source>
        <translation>你引起了 %n 个负面情绪，并已化解。</translation>
    </message>
    <message>
        <source>The customer&apos;s final mood (%1) reached the comfort level (%2).</source>
        <translation>客户最终情绪（%1）达到了舒适线（%2）。</translation>
    </message>
    <message>
        <source>The customer&apos;s final mood (%1) stayed below the comfort level (%2).</source>
        <translation>客户最终情绪（%1）低于舒适线（%2）。</translation>
    </message>
    <message>
        <source>The customer praised the service.</source>
        <translation>客户称赞了服务。</translation>
    </message>
    <message>
        <source>The customer did not praise the service: comfort needs praise.</source>
        <translation>客户没有称赞服务：舒适服务需要客户的称赞。</translation>
    </message>
    <message>
        <source>You anticipated a need the customer had not thought of yet.</source>
        <translation>你预见到了客户尚未想到的需求。</translation>
    </message>
    <message>
        <source>No need was anticipated: delight needs one the customer had not thought of yet.</source>
        <translation>没有预见到需求：惊喜服务需要满足客户尚未想到的需求。</translation>
    </message>
    <message>
        <source>%n mistake(s) on the way: delight is for service without mistakes, so the anticipated need counts for comfort only.</source>
        <translation>过程中有 %n 处失误：惊喜服务要求零失误，因此预见到的需求只计入舒适服务。</translation>
    </message>
    <message>
        <source>%n mistake(s): the score is capped at %1, as recovered mistakes never score as high as flawless service.</source>
        <translation>%n 处失误使得分封顶为 %1：失误后挽回的服务，得分永远不及零失误的服务。</translation>
    </message>
    <message>
        <source>%1 came after %2: out of order.</source>
        <translation>%1 出现在 %2 之后：顺序错误。</translation>
    </message>
    <message>
        <source>%1 before acknowledging the customer&apos;s feelings.</source>
        <translation>还没回应客户的情绪，就先%1了。</translation>
    </message>
    <message>
        <source>Customer scenario</source>
        <translation>客户情景</translation>
    </message>
    <message>
        <source>%1 protocol</source>
        <translation>%1 流程</translation>
    </message>
    <message>
        <source>%n timed moment(s)</source>
        <translation>%n 个限时环节</translation>
    </message>
    <message>
        <source>The customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>How the service is judged:</source>
        <translation>服务如何评判：</translation>
    </message>
    <message>
        <source>Answer with the keys 1–9. Where a countdown shows, hesitating costs the customer&apos;s patience. Practice shows feedback after each answer; the test shows it only in the debrief.</source>
        <translation>用 1–9 键作答。出现倒计时的地方，犹豫会消耗客户的耐心。练习模式每次作答后显示反馈；测验模式只在复盘中显示。</translation>
    </message>
</context>
<context>
    <name>words_rules</name>
    <message>
        <source>wrong amount (misread or mis-keyed)</source>
        <translation>金额错误（看错或录错）</translation>
    </message>
    <message>
        <source>not readable as an amount</source>
        <translation>无法识别为金额</translation>
    </message>
    <message>
        <source>整 missing after 元</source>
        <translation>“元”后漏写“整”</translation>
    </message>
    <message>
        <source>整 where it does not belong (after 分, or twice)</source>
        <translation>不该写“整”的地方写了“整”（在“分”之后，或写了两次）</translation>
    </message>
    <message>
        <source>零 missing, doubled or misplaced</source>
        <translation>“零”漏写、多写或位置不对</translation>
    </message>
    <message>
        <source>一二三… instead of 壹贰叁…</source>
        <translation>用了 一二三… 而不是 壹贰叁…</translation>
    </message>
    <message>
        <source>十/百/千/毛/块 instead of 拾/佰/仟/角/元</source>
        <translation>用了 十/百/千/毛/块 而不是 拾/佰/仟/角/元</translation>
    </message>
    <message>
        <source>拾 without 壹 before it</source>
        <translation>“拾”前面没有“壹”</translation>
    </message>
    <message>
        <source>a gap inside the amount</source>
        <translation>金额中间有空格</translation>
    </message>
    <message>
        <source>cents not written as &quot;and NN/100&quot;</source>
        <translation>分未写成 &quot;and NN/100&quot;</translation>
    </message>
    <message>
        <source>hyphen missing (twenty-four)</source>
        <translation>缺少连字符（twenty-four）</translation>
    </message>
    <message>
        <source>hyphen where none belongs (one-hundred)</source>
        <translation>不该有连字符（one-hundred）</translation>
    </message>
    <message>
        <source>number word misspelt</source>
        <translation>数字单词拼写错误</translation>
    </message>
    <message>
        <source>number words in the wrong order</source>
        <translation>数字单词顺序错误</translation>
    </message>
    <message>
        <source>not written to the cent (1409.50)</source>
        <translation>未写到分（1409.50）</translation>
    </message>
    <message>
        <source>right value, non-standard form</source>
        <translation>数值正确，写法不规范</translation>
    </message>
</context>
</TS>
