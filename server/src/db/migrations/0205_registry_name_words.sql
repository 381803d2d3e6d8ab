-- Name search by whole words: the folded Khmer words and the phonetic words of the Latin
-- spelling, in one GIN index. A given name alone ("សុខ") matches a posting list of that word
-- only, instead of every row sharing one of its trigrams (hundreds of thousands at national
-- scale), so the common search is an exact lookup and trigram similarity stays the fallback
-- for misspellings. Plain built-in functions: cheap to build after a national load.
CREATE INDEX member_name_words_idx ON member USING gin ((string_to_array(name_km_key, ' ') || string_to_array(phonetic_key, ' ')));
