import sys,base64,re
d=open(sys.argv[1],errors='replace').read()
want=sys.argv[2]
for m in re.finditer(r'@@BEGIN (\S+)\r?\n(.*?)@@END \1',d,re.S):
    if re.fullmatch(want,m.group(1)):
        print('---',m.group(1)); print(base64.b64decode(re.sub(r'\s','',m.group(2))).decode(errors='replace'))
