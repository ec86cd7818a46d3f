from mkelf import *
S=lambda:[Sec('.text',1,A|X,data=b'\x90'*4)]
for cls in (32,64):
  for d in '<>':
    for m,mn in ((62,'x8664'),(3,'386'),(6,'iamcu'),(183,'aarch64'),(0,'none'),(40,'arm')):
      for osabi in (0,3,9):
        write(f'fmt_{cls}{"le" if d=="<" else "be"}_{mn}_os{osabi}.o',S(),cls=cls,data=d,machine=m,osabi=osabi)
for et in (2,3,4,0xfe00):
  write(f'fmt_etype{et}.o',S(),etype=et)
write('fmt_version0.o',S(),version=0)
