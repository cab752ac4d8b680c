-- Topics with their articles.
SELECT topic AS id, any_value(topic_label) AS label,
       list({'article_id': article_id, 'source': source, 'title': title, 'publisher': publisher,
             'published': published, 'reference': is_reference, 'score': topic_score,
             'assigned_by': assigned_by} ORDER BY title, source) AS articles
FROM v_topic_articles
GROUP BY topic
ORDER BY count(*) DESC, topic;
