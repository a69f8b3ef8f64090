Net(
  (conv1): Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))
  (conv2): Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1))
  (dropout1): Dropout(p=0.25, inplace=False)
  (fc1): Linear(in_features=9216, out_features=128, bias=True)
  (dropout2): Dropout(p=0.5, inplace=False)
  (fc2): Linear(in_features=128, out_features=10, bias=True)
)



def forward(self, x):
    conv1 = self.conv1(x);  x = None
    relu = torch.nn.functional.relu(conv1, inplace = False);  conv1 = None
    conv2 = self.conv2(relu);  relu = None
    relu_1 = torch.nn.functional.relu(conv2, inplace = False);  conv2 = None
    max_pool2d = torch.nn.functional.max_pool2d(relu_1, 2, stride = None, padding = 0, dilation = 1, ceil_mode = False, return_indices = False);  relu_1 = None
    dropout1 = self.dropout1(max_pool2d);  max_pool2d = None
    flatten = torch.flatten(dropout1, 1);  dropout1 = None
    fc1 = self.fc1(flatten);  flatten = None
    relu_2 = torch.nn.functional.relu(fc1, inplace = False);  fc1 = None
    dropout2 = self.dropout2(relu_2);  relu_2 = None
    fc2 = self.fc2(dropout2);  dropout2 = None
    log_softmax = torch.nn.functional.log_softmax(fc2, dim = 1, _stacklevel = 3, dtype = None);  fc2 = None
    return log_softmax
    
