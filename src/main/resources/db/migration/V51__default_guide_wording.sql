-- Child-facing wording of the default guide (version 1).
--  * Swedish for ages 5-8 where the guide's own text is hard for a young child; for older children and
--    for every question without a 5-8 row, the guide's Swedish text is what the child hears.
--  * English for every question (all ages), plus simpler English for 5-8 where Swedish has one.
--  * Arabic for every question (all ages, Modern Standard Arabic). A native speaker working with
--    children should review it before use; editors can change it on the wording page.
insert into question_wording (question_id, language, age_band, text)
select q.id, w.language, w.age_band, w.text
from guide g
join guide_area a on a.guide_id = g.id
join guide_question q on q.area_id = a.id
join (values
    -- Kontakt ---------------------------------------------------------------------------------------
    ('kontakt.hur_ofta', 'sv', '5-8', 'Hur ofta träffar du din socialsekreterare – den vuxna från socialtjänsten som pratar med dig?'),
    ('kontakt.hur_ofta', 'en', null, 'How often do you usually see your social worker?'),
    ('kontakt.hur_ofta', 'en', '5-8', 'How often do you see your social worker – the grown-up from social services who talks with you?'),
    ('kontakt.hur_ofta', 'ar', null, 'كم مرة تلتقي عادةً بالأخصائي الاجتماعي الخاص بك؟'),

    ('kontakt.antal_moten', 'sv', '5-8', 'Hur många gånger har du träffat din socialsekreterare på sistone? Du kan visa med fingrarna.'),
    ('kontakt.antal_moten', 'en', null, 'About how many times have you met your social worker in the last six months?'),
    ('kontakt.antal_moten', 'en', '5-8', 'How many times have you met your social worker lately? You can show with your fingers.'),
    ('kontakt.antal_moten', 'ar', null, 'تقريبًا، كم مرة التقيت بالأخصائي الاجتماعي الخاص بك خلال الأشهر الستة الماضية؟'),

    ('kontakt.bytt_socialsekreterare', 'sv', '5-8', 'Har du fått en ny socialsekreterare någon gång, så att en annan vuxen kom i stället?'),
    ('kontakt.bytt_socialsekreterare', 'en', null, 'Have you ever had to change social worker?'),
    ('kontakt.bytt_socialsekreterare', 'en', '5-8', 'Have you ever got a new social worker, so that a different grown-up came instead?'),
    ('kontakt.bytt_socialsekreterare', 'ar', null, 'هل حدث أن تغيّر الأخصائي الاجتماعي الخاص بك؟'),

    ('kontakt.antal_socialsekreterare', 'sv', '5-8', 'Hur många olika socialsekreterare har du haft? Vi kan räkna tillsammans.'),
    ('kontakt.antal_socialsekreterare', 'en', null, 'How many different social workers have you had?'),
    ('kontakt.antal_socialsekreterare', 'en', '5-8', 'How many different social workers have you had? We can count together.'),
    ('kontakt.antal_socialsekreterare', 'ar', null, 'كم أخصائيًا اجتماعيًا مختلفًا كان لديك؟'),

    ('kontakt.byte_upplevelse', 'sv', '5-8', 'Hur kändes det när du fick en ny socialsekreterare?'),
    ('kontakt.byte_upplevelse', 'en', null, 'If you have changed: what was it like for you when you got a new social worker?'),
    ('kontakt.byte_upplevelse', 'en', '5-8', 'How did it feel when you got a new social worker?'),
    ('kontakt.byte_upplevelse', 'ar', null, 'إذا تغيّر الأخصائي الاجتماعي: كيف كان الأمر بالنسبة لك عندما حصلت على أخصائي اجتماعي جديد؟'),

    ('kontakt.var_traffas', 'en', null, 'Where would you most like to meet your social worker?'),
    ('kontakt.var_traffas', 'ar', null, 'أين تفضّل أن تلتقي بالأخصائي الاجتماعي الخاص بك؟'),

    ('kontakt.med_vem', 'sv', '5-8', 'Vill du träffa din socialsekreterare själv, eller vill du ha någon med dig?'),
    ('kontakt.med_vem', 'en', null, 'Would you rather meet your social worker alone or together with someone?'),
    ('kontakt.med_vem', 'en', '5-8', 'Do you want to meet your social worker on your own, or do you want someone with you?'),
    ('kontakt.med_vem', 'ar', null, 'هل تفضّل أن تلتقي بالأخصائي الاجتماعي وحدك أم مع شخص آخر؟'),

    ('kontakt.valja_tid_plats', 'sv', '5-8', 'Får du vara med och välja när och var ni ses?'),
    ('kontakt.valja_tid_plats', 'en', null, 'Do you get to help decide when and where you meet?'),
    ('kontakt.valja_tid_plats', 'en', '5-8', 'Do you get to help choose when and where you meet?'),
    ('kontakt.valja_tid_plats', 'ar', null, 'هل تشارك في تحديد متى وأين تلتقيان؟'),

    ('kontakt.utanfor_skoltid', 'sv', '5-8', 'Vill du hellre träffas när du inte är i skolan?'),
    ('kontakt.utanfor_skoltid', 'en', null, 'Would you like your meetings to be at a time when you are not at school?'),
    ('kontakt.utanfor_skoltid', 'en', '5-8', 'Would you rather meet when you are not at school?'),
    ('kontakt.utanfor_skoltid', 'ar', null, 'هل تودّ أن تكون لقاءاتكما في وقت لا تكون فيه في المدرسة؟'),

    ('kontakt.onskad_kontakt', 'sv', '5-8', 'Om du fick bestämma: hur skulle det vara när du träffar din socialsekreterare?'),
    ('kontakt.onskad_kontakt', 'en', null, 'If you could decide: what would contact with social services be like?'),
    ('kontakt.onskad_kontakt', 'en', '5-8', 'If you could decide: what would it be like when you meet your social worker?'),
    ('kontakt.onskad_kontakt', 'ar', null, 'لو كان القرار لك: كيف سيكون التواصل مع الخدمات الاجتماعية؟'),

    -- Kunskap ---------------------------------------------------------------------------------------
    ('kunskap.vet_varfor', 'sv', '5-8', 'Vet du varför du träffar någon från socialtjänsten?'),
    ('kunskap.vet_varfor', 'en', null, 'Do you know why you are in contact with social services?'),
    ('kunskap.vet_varfor', 'en', '5-8', 'Do you know why you meet someone from social services?'),
    ('kunskap.vet_varfor', 'ar', null, 'هل تعرف لماذا أنت على تواصل مع الخدمات الاجتماعية؟'),

    ('kunskap.vet_namn', 'en', null, 'Do you know your social worker''s name?'),
    ('kunskap.vet_namn', 'ar', null, 'هل تعرف اسم الأخصائي الاجتماعي الخاص بك؟'),

    ('kunskap.vad_gor_socialtjansten', 'sv', '5-8', 'Vad tror du att de som jobbar på socialtjänsten gör?'),
    ('kunskap.vad_gor_socialtjansten', 'en', null, 'What do you think social services do?'),
    ('kunskap.vad_gor_socialtjansten', 'en', '5-8', 'What do you think the people who work at social services do?'),
    ('kunskap.vad_gor_socialtjansten', 'ar', null, 'ماذا تظن أن الخدمات الاجتماعية تفعل؟'),

    ('kunskap.hur_fick_veta', 'sv', '5-8', 'Vem berättade för dig om socialtjänsten?'),
    ('kunskap.hur_fick_veta', 'en', null, 'How did you find out what social services are?'),
    ('kunskap.hur_fick_veta', 'en', '5-8', 'Who told you about social services?'),
    ('kunskap.hur_fick_veta', 'ar', null, 'كيف عرفت ما هي الخدمات الاجتماعية؟'),

    ('kunskap.vill_veta', 'sv', '5-8', 'Finns det något du undrar över om socialtjänsten?'),
    ('kunskap.vill_veta', 'en', null, 'Is there anything you would like to know more about, about social services or about your own contact?'),
    ('kunskap.vill_veta', 'en', '5-8', 'Is there anything you wonder about social services?'),
    ('kunskap.vill_veta', 'ar', null, 'هل هناك شيء تودّ أن تعرف عنه أكثر، عن الخدمات الاجتماعية أو عن تواصلك أنت معها؟'),

    ('kunskap.andra_barn', 'sv', '5-8', 'Visste du att många andra barn också träffar någon från socialtjänsten?'),
    ('kunskap.andra_barn', 'en', null, 'Did you know that many other children are also in contact with social services?'),
    ('kunskap.andra_barn', 'en', '5-8', 'Did you know that lots of other children also meet someone from social services?'),
    ('kunskap.andra_barn', 'ar', null, 'هل كنت تعرف أن كثيرًا من الأطفال الآخرين على تواصل أيضًا مع الخدمات الاجتماعية؟'),

    ('kunskap.upprepa', 'sv', '5-8', 'Skulle det vara bra om någon berättade igen vad som händer?'),
    ('kunskap.upprepa', 'en', null, 'Would it help you if someone explained again, a bit later, what is happening?'),
    ('kunskap.upprepa', 'en', '5-8', 'Would it be good if someone told you again what is happening?'),
    ('kunskap.upprepa', 'ar', null, 'هل سيساعدك لو شرح لك أحدٌ مرة أخرى، بعد فترة، ما الذي يحدث؟'),

    -- Delaktighet -----------------------------------------------------------------------------------
    ('delaktighet.lyssnar', 'en', null, 'Do you feel that your social worker listens to you?'),
    ('delaktighet.lyssnar', 'ar', null, 'هل تشعر أن الأخصائي الاجتماعي الخاص بك يستمع إليك؟'),

    ('delaktighet.prata_om', 'en', null, 'Can you talk with your social worker about the things you want to talk about?'),
    ('delaktighet.prata_om', 'ar', null, 'هل تستطيع أن تتحدث مع الأخصائي الاجتماعي عن الأمور التي تريد التحدث عنها؟'),

    ('delaktighet.information', 'sv', '5-8', 'Berättar de vuxna på socialtjänsten för dig vad som ska hända?'),
    ('delaktighet.information', 'en', null, 'Are you told what is happening in your assessment or with the plans for you?'),
    ('delaktighet.information', 'en', '5-8', 'Do the grown-ups at social services tell you what is going to happen?'),
    ('delaktighet.information', 'ar', null, 'هل يُخبرونك بما يحدث في التحقيق الخاص بك أو في الخطة الموضوعة لك؟'),

    ('delaktighet.tillfragad', 'sv', '5-8', 'Har någon frågat vad du tycker innan de bestämde något om dig?'),
    ('delaktighet.tillfragad', 'en', null, 'Has anyone asked what you think before something was decided about you?'),
    ('delaktighet.tillfragad', 'en', '5-8', 'Has anyone asked what you think before they decided something about you?'),
    ('delaktighet.tillfragad', 'ar', null, 'هل سألك أحدٌ عن رأيك قبل أن يُتّخذ قرار يخصّك؟'),

    ('delaktighet.vill_vara_med_mer', 'sv', '5-8', 'Skulle du vilja få vara med och bestämma mer?'),
    ('delaktighet.vill_vara_med_mer', 'en', null, 'Would you like to have more say in decisions than you have now?'),
    ('delaktighet.vill_vara_med_mer', 'en', '5-8', 'Would you like to help decide more things?'),
    ('delaktighet.vill_vara_med_mer', 'ar', null, 'هل تودّ أن تشارك في اتخاذ القرارات أكثر مما تشارك الآن؟'),

    ('delaktighet.hur_vara_med', 'sv', '5-8', 'Hur skulle du vilja vara med när de vuxna bestämmer saker om dig?'),
    ('delaktighet.hur_vara_med', 'en', null, 'How would you like to take part more in things that concern you?'),
    ('delaktighet.hur_vara_med', 'en', '5-8', 'How would you like to take part when the grown-ups decide things about you?'),
    ('delaktighet.hur_vara_med', 'ar', null, 'كيف تودّ أن تشارك أكثر في الأمور التي تخصّك؟'),

    ('delaktighet.bra_socialsekreterare', 'sv', '5-8', 'Hur är en bra socialsekreterare, tycker du?'),
    ('delaktighet.bra_socialsekreterare', 'en', null, 'What do you think makes a social worker good?'),
    ('delaktighet.bra_socialsekreterare', 'en', '5-8', 'What is a good social worker like, do you think?'),
    ('delaktighet.bra_socialsekreterare', 'ar', null, 'برأيك، ما الذي يجعل الأخصائي الاجتماعي جيدًا؟'),

    -- Att bli intervjuad ----------------------------------------------------------------------------
    ('intervjun.kansla', 'sv', '5-8', 'Hur var det att prata med mig i dag?'),
    ('intervjun.kansla', 'en', null, 'How did it feel to be interviewed today?'),
    ('intervjun.kansla', 'en', '5-8', 'How was it to talk with me today?'),
    ('intervjun.kansla', 'ar', null, 'كيف كان شعورك في المقابلة اليوم؟'),

    ('intervjun.kunde_saga', 'en', null, 'Were you able to say what you wanted to today?'),
    ('intervjun.kunde_saga', 'ar', null, 'هل استطعت أن تقول ما أردت قوله اليوم؟'),

    ('intervjun.igen', 'sv', '5-8', 'Skulle du vilja prata så här med oss en annan gång också?'),
    ('intervjun.igen', 'en', null, 'Would you like to take part in an interview like this another time?'),
    ('intervjun.igen', 'en', '5-8', 'Would you like to talk with us like this another time too?'),
    ('intervjun.igen', 'ar', null, 'هل تودّ أن تشارك في مقابلة مثل هذه مرة أخرى؟'),

    ('intervjun.nagot_mer', 'sv', '5-8', 'Är det något mer du vill berätta för mig?'),
    ('intervjun.nagot_mer', 'en', null, 'Is there anything else you would like to tell us that we have not asked about?'),
    ('intervjun.nagot_mer', 'en', '5-8', 'Is there anything else you want to tell me?'),
    ('intervjun.nagot_mer', 'ar', null, 'هل هناك شيء آخر تودّ أن تخبرنا به ولم نسألك عنه؟')
) as w(question_key, language, age_band, text) on w.question_key = q.question_key
where g.name = 'Barns röster om socialtjänsten' and g.version = 1;
